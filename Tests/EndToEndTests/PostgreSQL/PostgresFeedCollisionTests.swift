import ConnectorModel
import Testing

/// Two tables synced over one connection: rows with the same key in both
/// tables are different records, and the changes feed keeps both.
@Suite struct PostgresFeedCollisionTests {
    static let fixture = """
        CREATE TABLE {s}.customers (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.customers (id, name) SELECT g, 'customer ' || g FROM generate_series(1, 3) AS g;
        CREATE TABLE {s}.invoices (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.invoices (id, name) SELECT g, 'invoice ' || g FROM generate_series(1, 3) AS g;
        """

    @Test func rowsOfTwoTablesWithTheSameKeysAreBothInTheFeed() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            for table in ["customers", "invoices"] {
                let job = try await session.runJob(connectionId, mode: "full", table: session.fixture.id(table))
                #expect(job["status"] == "succeeded", "\(job)")
                #expect(job["records"] == 3)
            }
            let (all, _) = try await session.feed(connectionId)
            let titles = all.compactMap { $0["data"]?["title"]?.stringValue }.sorted()
            #expect(
                titles == ["customer 1", "customer 2", "customer 3", "invoice 1", "invoice 2", "invoice 3"],
                "the second table's rows replaced the first's with the same key: \(titles)")
        }
    }
}
