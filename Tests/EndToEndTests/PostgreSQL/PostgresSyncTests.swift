import ConnectorModel
import Testing

/// Sync jobs over REST against the real server: a full job puts every row in
/// the changes feed once; an incremental job adds exactly the rows changed
/// since (by `updated_at`, the key breaking ties), and the checkpoint is visible.
@Suite struct PostgresSyncTests {
    /// Seven rows share one time stamp; five are older, each its own.
    static let fixture = """
        CREATE TABLE {s}.tasks (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz NOT NULL);
        INSERT INTO {s}.tasks SELECT g, 'task ' || g, '2024-05-01 12:00:00+00' FROM generate_series(1, 7) AS g;
        INSERT INTO {s}.tasks SELECT g, 'task ' || g, timestamptz '2024-04-01 12:00:00+00' + g * interval '1 minute' FROM generate_series(8, 12) AS g;
        """

    @Test func fullThenIncrementalFeedsEveryChangeOnce() async throws {
        try await PostgresHost.run(Self.fixture, configure: { $0.syncPageSize = 3 }) { session in
            let connectionId = try await session.connect()
            let tasks = session.fixture.id("tasks")

            let full = try await session.runJob(connectionId, mode: "full", table: tasks)
            #expect(full["status"] == "succeeded", "\(full)")
            #expect(full["records"] == 12)
            #expect(full["pages"] == 4)
            let (stored, cursor) = try await session.feed(connectionId)
            let everyRow = try await session.fixture.sql("SELECT id FROM {s}.tasks ORDER BY updated_at, id")
            #expect(stored.rowKeys == everyRow, "the feed is the table in sync order, each row once")
            #expect(stored.allSatisfy { $0["kind"] == "item" && $0["deleted"] == false && $0["data"]?["containerId"]?.stringValue == tasks })
            #expect(stored.first { $0["data"]?["id"] == "8" }?["data"]?["raw"]?["title"] == "task 8")

            let checkpoint = try #require(try await session.checkpoint(connectionId, table: tasks), "no sync state for \(tasks)")
            #expect(checkpoint["table"]?.stringValue == tasks)
            #expect(checkpoint["column"] == "updated_at")
            #expect(checkpoint["phase"] == "values")
            #expect(checkpoint["after"]?.arrayValue?.last == "7", "the last row: the highest key at the latest time stamp")

            // Three rows moved to one later time stamp, a new row at the checkpoint's time
            // stamp (key after the last one), two new rows at the later time stamp.
            try await session.fixture.sql(
                """
                UPDATE {s}.tasks SET title = 'changed ' || id, updated_at = '2024-06-01 00:00:00+00' WHERE id IN (2, 9, 11);
                INSERT INTO {s}.tasks VALUES (13, 'new 13', '2024-05-01 12:00:00+00');
                INSERT INTO {s}.tasks VALUES (14, 'new 14', '2024-06-01 00:00:00+00'), (15, 'new 15', '2024-06-01 00:00:00+00');
                """)
            let incremental = try await session.runJob(connectionId, mode: "incremental", table: tasks)
            #expect(incremental["status"] == "succeeded", "\(incremental)")
            #expect(incremental["records"] == 6)
            let (changes, next) = try await session.feed(connectionId, after: cursor)
            #expect(changes.rowKeys == ["13", "2", "9", "11", "14", "15"])
            #expect(changes.compactMap { $0["data"]?["title"]?.stringValue } == ["new 13", "changed 2", "changed 9", "changed 11", "new 14", "new 15"])
            #expect(try await session.checkpoint(connectionId, table: tasks)?["after"]?.arrayValue?.last == "15")

            // From the start, the feed holds every row once, with its latest values.
            let (all, _) = try await session.feed(connectionId)
            #expect(all.rowKeys.sorted() == (1...15).map(String.init).sorted())

            // Nothing changed: nothing new.
            let quiet = try await session.runJob(connectionId, mode: "incremental", table: tasks)
            #expect(quiet["status"] == "succeeded", "\(quiet)")
            #expect(quiet["records"] == 0)
            #expect(try await session.feed(connectionId, after: next).entries.isEmpty)
        }
    }
}
