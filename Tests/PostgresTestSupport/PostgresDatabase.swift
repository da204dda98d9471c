import Foundation
import TestKit

/// The real PostgreSQL the tests run against: `POSTGRES_TEST_URL` and
/// `POSTGRES_TEST_READONLY_URL` from the environment, or else the cluster
/// `scripts/services/postgres.sh start` brings up (once per test run).
/// Never skips: when PostgreSQL cannot be had, every test fails with the reason.
public struct PostgresDatabase: Sendable {
    /// The owner role: creates fixtures, and is the usual login of the connections under test.
    public let owner: PostgresURL
    /// A role with CONNECT on the database and nothing else.
    public let readOnly: PostgresURL

    public static func shared() async throws -> PostgresDatabase {
        try await started.value
    }

    private static let started = Task { try await locate() }

    private static func locate() async throws -> PostgresDatabase {
        let environment = ProcessInfo.processInfo.environment
        if let owner = environment["POSTGRES_TEST_URL"], let readOnly = environment["POSTGRES_TEST_READONLY_URL"] {
            return try PostgresDatabase(owner: PostgresURL(owner), readOnly: PostgresURL(readOnly))
        }
        let script = Repository.root.appendingPathComponent("scripts/services/postgres.sh").path
        // The server the script starts must not inherit descriptors of this
        // process (another suite's child-process plumbing would stay open).
        let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec "$@""#
        let output = try await ChildProcess.run("/bin/bash", ["-c", closeInherited, "postgres-start", "/bin/bash", script, "start"])
        var values: [String: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard output.status == 0, let owner = values["POSTGRES_TEST_URL"], let readOnly = values["POSTGRES_TEST_READONLY_URL"] else {
            throw PostgresTestError("PostgreSQL could not be started with \(script) start (exit \(output.status)):\n\(output.stderr.suffix(2000))")
        }
        return try PostgresDatabase(owner: PostgresURL(owner), readOnly: PostgresURL(readOnly))
    }
}

/// A postgresql:// URL split into the fields of the `basic` auth method.
public struct PostgresURL: Sendable {
    public let uri: String
    public let host: String
    public let port: Int
    public let database: String
    public let user: String
    public let password: String

    public init(_ uri: String) throws {
        guard let components = URLComponents(string: uri), let host = components.host, let port = components.port,
            let user = components.user, let password = components.password
        else { throw PostgresTestError("not a postgresql:// URL with user, password, host and port") }
        self.uri = uri
        self.host = host
        self.port = port
        self.database = String(components.path.dropFirst())
        self.user = user
        self.password = password
    }
}

/// A failure of the tests' own PostgreSQL plumbing (psql, the server script).
public struct PostgresTestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
