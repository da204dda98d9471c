import ConnectorModel
import PostgresTestSupport
import TestKit
import Testing

/// The pool's session is terminated on the server while it sits idle between
/// two sync jobs (as a database restart or failover does). The pool cannot
/// tell until it uses the session: the next job fails at its first page with
/// `upstream_unavailable`, the dead session is discarded, and the job after
/// it feeds exactly the changes, none lost or repeated.
@Suite struct PostgresIdleSessionDropTests {
    static let fixture = """
        CREATE TABLE {s}.events (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz NOT NULL);
        INSERT INTO {s}.events SELECT g, 'event ' || g, timestamptz '2024-03-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 6) AS g;
        """

    @Test func aSessionTerminatedWhileIdleFailsTheNextJobOnce() async throws {
        try await PostgresHost.run(Self.fixture, configure: { $0.syncPageSize = 2 }) { session in
            try await session.configureConnector(["poolSize": 1])
            let connectionId = try await session.connect()
            let events = session.fixture.id("events")
            let full = try await session.runJob(connectionId, mode: "full", table: events)
            #expect(full["status"] == "succeeded", "\(full)")
            #expect(full["records"] == 6)
            let (_, cursor) = try await session.feed(connectionId)

            #expect(try await PostgresPsql.terminateSessions(of: connectionId, as: session.owner) == 1)
            try await session.fixture.sql("UPDATE {s}.events SET title = 'changed ' || id, updated_at = updated_at + interval '1 day' WHERE id IN (2, 5)")

            let first = try await session.runJob(connectionId, mode: "incremental", table: events)
            #expect(first["status"] == "failed", "\(first)")
            #expect(first["error"]?["code"] == "upstream_unavailable", "\(first)")
            #expect(first["pages"] == 0)
            #expect(try await session.feed(connectionId, after: cursor).entries.isEmpty)

            let second = try await session.runJob(connectionId, mode: "incremental", table: events)
            #expect(second["status"] == "succeeded", "\(second)")
            #expect(second["records"] == 2)
            let (changes, _) = try await session.feed(connectionId, after: cursor)
            #expect(changes.rowKeys == ["2", "5"])
            #expect(changes.compactMap { $0["data"]?["title"]?.stringValue } == ["changed 2", "changed 5"])
        }
    }
}
