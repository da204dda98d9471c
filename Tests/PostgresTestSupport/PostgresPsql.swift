import Foundation
import TestKit

/// SQL through `psql`, independently of the code under test: fixtures,
/// checks, terminating the connector's sessions. The password travels in
/// `PGPASSWORD`, never on a command line.
public enum PostgresPsql {
    /// Runs `sql` (several statements allowed) and returns the unaligned,
    /// tuples-only output, one line per row; throws when any statement fails.
    @discardableResult
    public static func run(_ sql: String, as url: PostgresURL) async throws -> [String] {
        let arguments = [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", url.host, "-p", String(url.port), "-U", url.user, "-d", url.database,
        ]
        let output = try await ChildProcess.run(
            "/usr/bin/env", ["psql"] + arguments, environment: ["PGPASSWORD": url.password, "PGCONNECT_TIMEOUT": "10"], input: sql)
        guard output.status == 0 else {
            throw PostgresTestError("psql failed (exit \(output.status)): \(output.stderr)\nSQL:\n\(sql)")
        }
        return output.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The single value a query returns.
    public static func value(_ sql: String, as url: PostgresURL) async throws -> String {
        guard let line = try await run(sql, as: url).first else { throw PostgresTestError("no row from: \(sql)") }
        return line
    }

    /// The connector's sessions for `connectionId` ("ucp-postgresql/<id>" in
    /// `pg_stat_activity`) whose `wait_event` is `waitEvent` (any when nil).
    public static func sessions(of connectionId: String, waitingOn waitEvent: String? = nil, as url: PostgresURL) async throws -> Int {
        let filter = waitEvent.map { " AND wait_event = '\($0)'" } ?? ""
        return Int(try await value("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(applicationName(connectionId))'\(filter)", as: url)) ?? -1
    }

    /// Terminates the connector's sessions for `connectionId` (the owner may
    /// end its own backends) and waits until they are gone; returns how many.
    public static func terminateSessions(of connectionId: String, as url: PostgresURL) async throws -> Int {
        Int(
            try await value(
                """
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
                WHERE application_name = '\(applicationName(connectionId))'
                """, as: url)) ?? -1
    }

    private static func applicationName(_ connectionId: String) -> String {
        "ucp-postgresql/" + connectionId
    }
}
