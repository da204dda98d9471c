import Foundation
import TestKit

#if canImport(Glibc)
import Glibc
#endif

/// `connector-host serve` in a child process, so a test can end it the way a
/// crashed machine ends: SIGKILL, no graceful shutdown, no last write.
enum ChildHost {
    /// Starts the host with `settings` (its whole configuration, as environment
    /// variables), waits until it listens, runs `body` with its port and a
    /// function that kills it, and kills it afterwards in any case.
    static func run<Value>(
        settings: [String: String], in folder: TemporaryDirectory, _ body: (_ port: Int, _ kill: @escaping @Sendable () -> Void) async throws -> Value
    ) async throws -> Value {
        let executable = Repository.buildDirectory.appendingPathComponent("connector-host")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw TestKitError("\(executable.path) is missing: build the products first (swift build --build-tests)")
        }
        let process = Process()
        process.executableURL = executable
        // No .env of the checkout, nothing of the test's environment that configures a host: only `settings`.
        process.arguments = ["serve", "--env-file", folder.file("none.env").path]
        process.currentDirectoryURL = folder.url
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MONGODB_") }
        for key in ["ADMIN_API_KEY", "API_PREFIX", "PUBLIC_BASE_URL"] { environment.removeValue(forKey: key) }
        process.environment = environment.merging(settings) { _, setting in setting }
        let output = ChildHostOutput()
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
        do {
            try await eventually(timeout: .seconds(60), "connector-host to listen") { output.listeningPort != nil || output.exited }
        } catch {
            throw TestKitError("connector-host did not say it listens: \(output.text.suffix(4000))")
        }
        guard let port = output.listeningPort else { throw TestKitError("connector-host exited before listening: \(output.text.suffix(4000))") }
        return try await body(port, kill)
    }
}
