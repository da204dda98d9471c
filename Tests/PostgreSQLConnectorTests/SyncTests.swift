import ConnectorModel
import ConnectorSDK
import Testing

@testable import PostgreSQLConnector

/// `sync.page`: full from the beginning, then incremental, by cursor column with a key tie-breaker.
@Suite struct SyncTests {
    /// Seven rows share one time stamp, three are older, two have none.
    static let fixture = """
        CREATE TABLE {s}.tasks (id int PRIMARY KEY, title text, updated_at timestamptz);
        INSERT INTO {s}.tasks SELECT g, 'same ' || g, '2024-05-01 12:00:00+00' FROM generate_series(10, 16) AS g;
        INSERT INTO {s}.tasks SELECT g, 'older ' || g, '2024-04-01 12:00:00+00' FROM generate_series(20, 22) AS g;
        INSERT INTO {s}.tasks VALUES (1, 'no time 1', NULL), (2, 'no time 2', NULL);
        """

    @Test func fullThenIncrementalNeitherSkipsNorRepeatsEqualCursorValues() async throws {
        try await withHarness(Self.fixture) { harness in
            let tasks = "\(harness.schema).tasks"
            var (ids, checkpoint) = try await Self.drain(harness, tasks, mode: .full, from: nil)
            #expect(ids == ["1", "2", "20", "21", "22", "10", "11", "12", "13", "14", "15", "16"])

            let quiet = try await harness.sync(tasks, mode: .incremental, checkpoint: checkpoint, limit: 3)
            #expect(quiet.records.isEmpty)
            #expect(!quiet.hasMore)

            // New rows at the last time stamp (keys after the last one) and a row moved to a later time stamp.
            try await harness.fixture.sql(
                """
                INSERT INTO {s}.tasks VALUES (17, 'same 17', '2024-05-01 12:00:00+00'), (18, 'same 18', '2024-05-01 12:00:00+00');
                UPDATE {s}.tasks SET updated_at = '2024-06-01 00:00:00+00', title = 'moved' WHERE id = 21;
                """)
            (ids, checkpoint) = try await Self.drain(harness, tasks, mode: .incremental, from: quiet.checkpoint)
            #expect(ids == ["17", "18", "21"])
            let after = try await harness.sync(tasks, mode: .incremental, checkpoint: checkpoint, limit: 3)
            #expect(after.records.isEmpty)
        }
    }

    @Test func recordsAreNormalizedItemsWithTheRow() async throws {
        try await withHarness(Self.fixture) { harness in
            let page = try await harness.sync("\(harness.schema).tasks", mode: .full, checkpoint: nil, limit: 3)
            let record = try #require(page.records.last)
            #expect(record.kind == "item")
            #expect(record.id == "\(harness.schema).tasks:20", "the record id names the table: keys repeat across tables")
            #expect(record.updatedAt == "2024-04-01T12:00:00.000000Z")
            let item: Item = try record.data.decode()
            #expect(item.title == "older 20")
            #expect(item.raw?["title"]?.stringValue == "older 20")
            #expect(page.hasMore)
        }
    }

    @Test func theCursorColumnComesFromSettingsAndIsChecked() async throws {
        try await withHarness(Self.fixture + "ALTER TABLE {s}.tasks ADD COLUMN revision int NOT NULL DEFAULT 0;") { harness in
            let tasks = "\(harness.schema).tasks"
            var connection = harness.connection
            connection.config["syncCursorColumn"] = "revision"
            let page = try await harness.call(
                .syncPage, SyncPageRequest(mode: .full, containerId: tasks, limit: 100), connection: connection, as: SyncPage.self)
            #expect(page.keys == ["1", "2", "10", "11", "12", "13", "14", "15", "16", "20", "21", "22"])
            #expect(page.checkpoint["column"]?.stringValue == "revision")

            let mismatch = await errorDocument { try await harness.sync(tasks, mode: .incremental, checkpoint: page.checkpoint, limit: 10) }
            #expect(mismatch?.code == ErrorDocument.Code.invalidInput)
            connection.config["syncCursorColumn"] = "modified"
            let missing = await errorDocument {
                try await harness.call(.syncPage, SyncPageRequest(mode: .full, containerId: tasks), connection: connection, as: SyncPage.self)
            }
            #expect(missing?.code == ErrorDocument.Code.invalidInput)
            let noTable = await errorDocument {
                try await harness.call(.syncPage, SyncPageRequest(mode: .full), as: SyncPage.self)
            }
            #expect(noTable?.code == ErrorDocument.Code.invalidInput)
        }
    }

    /// Pages until `hasMore` is false; every id once, in order.
    static func drain(_ harness: Harness, _ table: String, mode: SyncPageRequest.Mode, from checkpoint: JSONValue?) async throws
        -> ([String], JSONValue)
    {
        var ids: [String] = []
        var checkpoint = checkpoint
        var pages = 0
        while true {
            let page = try await harness.sync(table, mode: mode, checkpoint: checkpoint, limit: 3)
            #expect(page.records.count <= 3)
            ids += page.keys
            checkpoint = page.checkpoint
            pages += 1
            if !page.hasMore || pages > 100 { return (ids, page.checkpoint) }
        }
    }
}
