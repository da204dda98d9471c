import Foundation
import Synchronization
import TestKit

#if canImport(Glibc)
import Glibc
#endif

/// `connector-host serve` in a child process, so a test can end it the way a
/// crashed machine ends: SIGKILL, no graceful shutdown, no last write.
enum HostProcess {
    /// Starts the host with `settings` (environment variables), waits until it
    /// listens, runs `body` with its port and a function that kills it, and
    /// kills it afterwards in any case.
    static func run<Value>(
        settings: [String: String], in folder: TemporaryDirectory,
        _ body: (_ port: Int, _ kill: @escaping @Sendable () -> Void) async throws -> Value
    ) async throws -> Value {
        let executable = Repository.buildDirectory.appendingPathComponent("connector-host")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw TestKitError("\(executable.path) is missing: build the products first (swift build --build-tests)")
        }
        let process = Process()
        process.executableURL = executable
        // No .env from the checkout, no store or keys from the test's environment: only `settings`.
        process.arguments = ["serve", "--env-file", folder.file("none.env").path]
        process.currentDirectoryURL = folder.url
        var environment = ProcessInfo.processInfo.environment
        for key in ["MONGODB_URL", "MONGODB_DB", "ADMIN_API_KEY", "API_PREFIX", "PUBLIC_BASE_URL"] { environment.removeValue(forKey: key) }
        process.environment = environment.merging(settings) { _, setting in setting }
        let output = ProcessOutput()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        process.terminationHandler = { _ in output.markExited() }
        try process.run()
        let pid = process.processIdentifier
        let kill: @Sendable () -> Void = { _ = Glibc.kill(pid, SIGKILL) }
        defer {
            kill()
            process.waitUntilExit()
            pipe.fileHandleForReading.readabilityHandler = nil
        }
        try await eventually(timeout: .seconds(60), "connector-host to listen (output so far: \(output.text.suffix(2000)))") {
            output.listeningPort != nil || output.exited
        }
        guard let port = output.listeningPort else {
            throw TestKitError("connector-host exited before listening: \(output.text.suffix(4000))")
        }
        return try await body(port, kill)
    }
}

/// What the child process wrote, collected as it arrives.
final class ProcessOutput: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let ended = Mutex(false)

    func append(_ data: Data) {
        bytes.withLock { $0.append(contentsOf: data) }
    }

    func markExited() {
        ended.withLock { $0 = true }
    }

    var exited: Bool { ended.withLock { $0 } }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    /// The port from Hummingbird's "Server started and listening on HOST:PORT".
    var listeningPort: Int? {
        let text = self.text
        guard let range = text.range(of: "started and listening on ") else { return nil }
        let address = text[range.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" }
        return address.split(separator: ":").last.flatMap { Int($0) }
    }
}
