import ConnectorModel
import ConnectorSDK
import PostgresTestSupport
import Testing

@testable import PostgreSQLConnector

/// Server-side failures map to stable codes, and the connector recovers.
@Suite struct FailureTests {
    /// Reading `slow` runs pg_sleep for every row: a row-level security
    /// policy (forced, so it binds the owner too) calls it.
    static let slowTable = """
        CREATE TABLE {s}.slow (id int PRIMARY KEY, name text);
        INSERT INTO {s}.slow SELECT g, 'row ' || g FROM generate_series(1, 3) AS g;
        CREATE POLICY sleepy ON {s}.slow USING (pg_sleep(1)::text = '');
        ALTER TABLE {s}.slow ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {s}.slow FORCE ROW LEVEL SECURITY;
        CREATE TABLE {s}.fast (id int PRIMARY KEY, name text);
        """

    @Test func aStatementOverTheTimeoutIsUpstreamTimeout() async throws {
        try await withHarness(Self.slowTable, config: ["statementTimeoutMs": 100, "poolSize": 1]) { harness in
            let error = await errorDocument { try await harness.items("\(harness.schema).slow") }
            #expect(error?.code == ErrorDocument.upstreamTimeout)
            #expect(error?.details?["sqlState"]?.stringValue == "57014")
            #expect(error?.message.contains("statementTimeoutMs") == true)
            // The session survived the cancelled statement and serves the next call.
            let next = try await harness.items("\(harness.schema).fast")
            #expect(next.items.isEmpty)
            let sessions = try await PostgresPsql.sessions(of: harness.connectionId, as: harness.database.owner)
            #expect(sessions == 1)
        }
    }

    @Test func aConnectionDroppedMidSyncIsUnavailableThenRecovers() async throws {
        let table = """
            CREATE TABLE {s}.events (id int PRIMARY KEY, updated_at timestamptz NOT NULL);
            INSERT INTO {s}.events SELECT g, timestamptz '2024-03-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 9) AS g;
            """
        try await withHarness(table, config: ["poolSize": 1]) { harness in
            let events = "\(harness.schema).events"
            let first = try await harness.sync(events, mode: .full, checkpoint: nil, limit: 3)
            #expect(first.keys == ["1", "2", "3"])

            let terminated = try await PostgresPsql.terminateSessions(of: harness.connectionId, as: harness.database.owner)
            #expect(terminated == 1)
            let error = await errorDocument { try await harness.sync(events, mode: .full, checkpoint: first.checkpoint, limit: 3) }
            #expect(error?.code == ErrorDocument.Code.upstreamUnavailable)
            #expect(error?.message.contains("lost") == true)

            var ids = first.keys
            var page = try await harness.sync(events, mode: .full, checkpoint: first.checkpoint, limit: 3)
            ids += page.keys
            while page.hasMore {
                page = try await harness.sync(events, mode: .full, checkpoint: page.checkpoint, limit: 3)
                ids += page.keys
            }
            #expect(ids == (1...9).map(String.init))
        }
    }
}
