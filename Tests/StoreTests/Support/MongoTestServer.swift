import Foundation
import TestKit

/// Where the MongoDB cases run: `MONGODB_TEST_URL` when set (a real MongoDB or
/// a running test server), else the project's wire-protocol test server, which
/// is started (or reused) with `scripts/services/mongo-test-server.sh start`.
/// Failing to get one is an error, never a skip.
actor MongoTestServer {
    static let shared = MongoTestServer()

    /// One resolution for the whole run: concurrent callers await the same one
    /// (a plain cached value would let every caller that arrives during the
    /// first `await` start a server of its own).
    private var resolution: Task<Result<String, MongoTestServerError>, Never>?

    func url() async throws(MongoTestServerError) -> String {
        let task = resolution ?? Task {
            do throws(MongoTestServerError) { return .success(try await Self.resolve()) } catch { return .failure(error) }
        }
        resolution = task
        return try await task.value.get()
    }

    /// A database name no other run uses; tests drop it when done.
    static func uniqueDatabaseName() -> String {
        "storetests_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
    }

    private static func resolve() async throws(MongoTestServerError) -> String {
        if let url = ProcessInfo.processInfo.environment["MONGODB_TEST_URL"], !url.isEmpty {
            return url
        }
        let script = Repository.root.appendingPathComponent("scripts/services/mongo-test-server.sh").path
        let output: ChildProcess.Output
        do { output = try await ChildProcess.run("/usr/bin/env", ["bash", script, "start"]) } catch {
            throw MongoTestServerError("\(script) start could not be run: \(error)")
        }
        let prefix = "MONGODB_TEST_URL="
        guard let line = output.stdout.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
            throw MongoTestServerError(
                "\(script) start printed no \(prefix) line (exit \(output.status)).\nstdout: \(output.stdout)\nstderr: \(output.stderr)")
        }
        return String(line.dropFirst(prefix.count))
    }
}

/// Why the MongoDB cases have no server: shown as the failure of each of them.
struct MongoTestServerError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = "no MongoDB for the store tests: " + description
    }
}
