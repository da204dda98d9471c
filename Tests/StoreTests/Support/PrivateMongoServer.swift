import Foundation
import TestKit

/// A wire-protocol test server of one test's own (Tests/Support/mongo_test_server.py),
/// so that stopping it or switching on its outage mode disturbs no other test.
/// Restarts on the same port, so a store pointed at it can recover.
final class PrivateMongoServer {
    private var process: Process?
    private(set) var port = 0
    private let directory: TemporaryDirectory

    var url: String { "mongodb://127.0.0.1:\(port)" }

    init() async throws {
        directory = try TemporaryDirectory()
        // The shared script installs the server's Debian packages when they are missing.
        _ = try await MongoTestServer.shared.url()
        try await start()
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        directory.remove()
    }

    /// Starts the server (on its previous port after a `stop`) and waits until it listens.
    func start() async throws {
        let portFile = directory.path("port")
        try? FileManager.default.removeItem(atPath: portFile)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let script = Repository.root.appendingPathComponent("Tests/Support/mongo_test_server.py").path
        server.arguments = [script, "--port", String(port), "--port-file", portFile]
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: directory.path("server.log"), contents: nil)
        server.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.path("server.log")))
        try server.run()
        process = server
        for _ in 0..<400 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let bound = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                port = bound
                return
            }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let log = (try? String(contentsOfFile: directory.path("server.log"), encoding: .utf8)) ?? ""
        server.terminate()
        throw MongoTestServerError("the private test server did not start:\n\(log)")
    }

    /// Stops the server (SIGTERM, SIGKILL after 10 s) and waits until it has exited.
    func stop() async throws {
        guard let server = process else { return }
        server.terminate()
        for _ in 0..<500 where server.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        while server.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        process = nil
    }
}
