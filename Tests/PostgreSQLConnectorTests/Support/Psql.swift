import Foundation

/// Runs SQL as the owner role through `psql`, independently of the code under
/// test (fixtures, checks, terminating backends). The password travels in
/// `PGPASSWORD`, not on the command line.
enum Psql {
    /// Runs `sql` (several statements allowed) and returns the unaligned,
    /// tuples-only output, one line per row; throws when any statement fails.
    @discardableResult
    static func run(_ sql: String, as url: DatabaseURL) async throws -> [String] {
        let arguments = [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", url.host, "-p", String(url.port), "-U", url.user, "-d", url.database,
        ]
        let output = try await ChildProcess.run(
            "/usr/bin/env", ["psql"] + arguments, environment: ["PGPASSWORD": url.password, "PGCONNECT_TIMEOUT": "10"], input: sql)
        guard output.status == 0 else {
            throw TestDatabaseError("psql failed (exit \(output.status)): \(output.stderr)\nSQL:\n\(sql)")
        }
        return output.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The single value a query returns.
    static func value(_ sql: String, as url: DatabaseURL) async throws -> String {
        guard let line = try await run(sql, as: url).first else { throw TestDatabaseError("no row from: \(sql)") }
        return line
    }

    /// How many sessions of the plugin for `connectionId` the server has now.
    static func sessions(of connectionId: String, as url: DatabaseURL) async throws -> Int {
        let name = "ucp-postgresql/" + connectionId
        return Int(try await value("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(name)'", as: url)) ?? -1
    }

    /// Terminates the plugin's sessions for `connectionId` and waits until they are gone.
    static func terminateSessions(of connectionId: String, as url: DatabaseURL) async throws -> Int {
        let name = "ucp-postgresql/" + connectionId
        return Int(
            try await value(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = '\(name)'",
                as: url)) ?? -1
    }
}
