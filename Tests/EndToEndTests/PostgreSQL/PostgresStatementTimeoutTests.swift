import ConnectorModel
import Testing

/// The operator's `statementTimeoutMs` reaches the plugin's sessions: a
/// statement over it is 504 `upstream_timeout`, and the next request works.
@Suite struct PostgresStatementTimeoutTests {
    /// Reading `slow` runs pg_sleep(1) for every row: a row-level security
    /// policy (forced, so it binds the owner too) calls it.
    static let fixture = """
        CREATE TABLE {s}.slow (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.slow (id, name) SELECT g, 'row ' || g FROM generate_series(1, 3) AS g;
        CREATE POLICY sleepy ON {s}.slow USING (pg_sleep(1)::text = '');
        ALTER TABLE {s}.slow ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {s}.slow FORCE ROW LEVEL SECURITY;
        CREATE TABLE {s}.fast (id int PRIMARY KEY, name text);
        INSERT INTO {s}.fast VALUES (1, 'quick');
        """

    @Test func aStatementOverTheTimeoutIsGatewayTimeoutThenTheNextRequestWorks() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            try await session.configureConnector(["statementTimeoutMs": 100])
            let connector = try await session.get("/api/connectors/postgresql")
            #expect(connector.data["config"]?["statementTimeoutMs"] == 100, "\(connector.text)")

            let slow = try await session.browse("items", connectionId, ["containerId": session.fixture.id("slow")])
            #expect(slow.status == 504, "\(slow.text)")
            #expect(slow.errorCode == "upstream_timeout")
            #expect(slow.body["error"]?["details"]?["sqlState"] == "57014")
            #expect(slow.body["error"]?["message"]?.stringValue?.contains("statementTimeoutMs") == true)

            let fast = try await session.browse("items", connectionId, ["containerId": session.fixture.id("fast")])
            #expect(fast.status == 200, "\(fast.text)")
            #expect(fast.data["items"]?.arrayValue?.ids == ["1"])
            // A sync job reading it fails the same way, and says why.
            let job = try await session.runJob(connectionId, mode: "full", table: session.fixture.id("slow"))
            #expect(job["status"] == "failed")
            #expect(job["error"]?["code"] == "upstream_timeout", "\(job)")
        }
    }
}
