import ConnectorModel
import ConnectorSDK
import Testing

@testable import PostgreSQLConnector

/// Every request field a client controls is refused or harmless: identifiers
/// are resolved through the catalog and quoted, values are bound parameters.
/// Each test proves the victim table still exists with all its rows.
@Suite struct InjectionTests {
    static let fixture = """
        CREATE TABLE {s}.victim (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.victim (id, name) SELECT g, 'v' || g FROM generate_series(1, 5) AS g;
        CREATE TABLE {s}.labels (code text PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.labels (code) VALUES ('a'), ('b'), ('c');
        """
    static let allowed: Set<String> = [ErrorDocument.Code.invalidInput, ErrorDocument.Code.notFound]

    @Test func identifiersInContainerAndItemIds() async throws {
        try await withHarness(Self.fixture) { harness in
            let s = harness.schema
            let attempts = [
                #"public"; DROP TABLE \#(s).victim; --"#, "\(s).victim; DROP TABLE \(s).victim", #""\#(s)"."victim"; --"#,
                "\(s)'.victim", #"\#(s)."victim"" OR 1=1""#, "\(s).victim)--", #""\#(s)".victim"x"#,
                #"\#(s)."victim; DROP TABLE \#(s).victim""#, "\(s).victim.id.x",
            ]
            for attempt in attempts {
                let items = await errorDocument { try await harness.items(attempt) }
                #expect(items.map { Self.allowed.contains($0.code) } == true, "containerId \(attempt): \(String(describing: items))")
                let comments = await errorDocument {
                    try await harness.call(.listComments, ListRequest(itemId: attempt), as: Page<ConnectorModel.Comment>.self)
                }
                #expect(comments.map { Self.allowed.contains($0.code) } == true, "itemId \(attempt)")
                let sync = await errorDocument { try await harness.sync(attempt, mode: .full, checkpoint: nil, limit: 10) }
                #expect(sync.map { Self.allowed.contains($0.code) } == true, "sync containerId \(attempt)")
            }
            try await Self.expectVictimIntact(harness)
        }
    }

    @Test func tamperedCursors() async throws {
        try await withHarness(Self.fixture) { harness in
            let victim = "\(harness.schema).victim"
            let forged = [
                "!!!not base64!!!", "eyJ0YWJsZSI6MX0",  // {"table":1}
                try Cursor.encode(RowListing.Position(table: victim, after: ["1) OR 1=1; DROP TABLE \(victim); --"])),
                try Cursor.encode(RowListing.Position(table: victim, after: ["1", "2"])),
                try Cursor.encode(RowListing.Position(table: victim, after: [])),
                try Cursor.encode(RowListing.Position(table: "\(harness.schema).labels", after: ["1"])),
            ]
            for cursor in forged {
                let error = await errorDocument { try await harness.items(victim, cursor: cursor) }
                #expect(error?.code == ErrorDocument.Code.invalidInput, "cursor \(cursor)")
            }
            // A text key is compared, never executed: the forged value is just a position.
            let labels = "\(harness.schema).labels"
            let harmless = try Cursor.encode(RowListing.Position(table: labels, after: ["a'; DROP TABLE \(victim); --"]))
            let page = try await harness.items(labels, cursor: harmless)
            #expect(page.items.map(\.id) == ["b", "c"])
            try await Self.expectVictimIntact(harness)
        }
    }

    @Test func updatedSinceAndCheckpointsAndSettings() async throws {
        try await withHarness(Self.fixture) { harness in
            let victim = "\(harness.schema).victim"
            for since in ["2020-01-01'; DROP TABLE \(victim); --", "now()", "2020-01-01T00:00:00Z OR 1=1"] {
                let error = await errorDocument { try await harness.items(victim, updatedSince: since) }
                #expect(error?.code == ErrorDocument.Code.invalidInput, "updatedSince \(since)")
            }
            let checkpoints: [JSONValue] = [
                ["table": .string(victim), "column": "updated_at", "phase": "values", "after": ["2020-01-01'); DROP TABLE x; --", "1"]],
                ["table": .string(victim), "column": "updated_at", "phase": "values", "after": ["2020-01-01", "1 OR 1=1"]],
                ["table": .string(victim), "column": "updated_at", "phase": "values", "after": ["2020-01-01"]],
                ["table": .string(victim), "column": "updated_at", "phase": "dropped"],
                ["table": .string(victim), "column": "name", "phase": "values"],
                "DROP TABLE x",
            ]
            for checkpoint in checkpoints {
                let error = await errorDocument { try await harness.sync(victim, mode: .incremental, checkpoint: checkpoint, limit: 10) }
                #expect(error?.code == ErrorDocument.Code.invalidInput, "checkpoint \(checkpoint)")
            }
            var settings = harness.settings
            settings.config["syncCursorColumn"] = .string("updated_at; DROP TABLE \(victim); --")
            let error = await errorDocument {
                try await harness.call(.syncPage, SyncPageRequest(mode: .full, containerId: victim), settings: settings, as: SyncPage.self)
            }
            #expect(error?.code == ErrorDocument.Code.invalidInput)
            try await Self.expectVictimIntact(harness)
        }
    }

    static func expectVictimIntact(_ harness: Harness, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let count = try await harness.fixture.sql("SELECT count(*) FROM {s}.victim")
        #expect(count == ["5"], sourceLocation: sourceLocation)
    }
}
