import ConnectorModel
import ConnectorSDK
import Foundation
import Testing

@testable import PostgreSQLConnector

/// Schemas → tables and views → rows (keyset pages) → comments, against the real server.
@Suite struct BrowsingTests {
    static let fixture = """
        CREATE TABLE {s}.people (id int PRIMARY KEY, name text NOT NULL, email text,
            created_at timestamptz NOT NULL DEFAULT '2024-01-01T00:00:00Z', updated_at timestamptz);
        INSERT INTO {s}.people (id, name, email, updated_at)
            SELECT g, 'Person ' || g, 'p' || g || '@example.com', timestamptz '2024-02-01 00:00:00+00' + g * interval '1 hour'
            FROM generate_series(1, 25) AS g;
        CREATE VIEW {s}.people_view AS SELECT id, name FROM {s}.people;
        CREATE MATERIALIZED VIEW {s}.people_summary AS SELECT count(*) AS total FROM {s}.people;
        CREATE TABLE {s}.translations (key text, lang char(2), label varchar(40), PRIMARY KEY (key, lang));
        INSERT INTO {s}.translations
            SELECT 'k' || lpad(g::text, 2, '0'), l, 'label ' || g || ' ' || l FROM generate_series(1, 6) AS g, unnest(ARRAY['en', 'de']) AS l;
        CREATE TABLE {s}.tokens (id uuid PRIMARY KEY, note text);
        INSERT INTO {s}.tokens SELECT gen_random_uuid(), 'token ' || g FROM generate_series(1, 10) AS g;
        CREATE TABLE {s}."Odd Names" ("Key" text PRIMARY KEY, "select" int);
        INSERT INTO {s}."Odd Names" VALUES ('plain', 1), ('with space', 2), ('quote''s', 3), ('"double"', 4), ('ünïcödé', 5),
            (''';DROP TABLE {s}.people;--', 6), ('a.b', 7);
        CREATE TABLE {s}.log_lines (line text);
        COMMENT ON TABLE {s}.people IS 'Everyone we know';
        COMMENT ON COLUMN {s}.people.name IS 'Full name';
        COMMENT ON COLUMN {s}.people.email IS 'Where to write';
        ANALYZE {s}.people, {s}.translations, {s}.tokens, {s}."Odd Names";
        """

    @Test func schemasPageWithoutSystemSchemas() async throws {
        try await withHarness(Self.fixture) { harness in
            var ids: [String] = []
            var cursor: String?
            repeat {
                let page = try await harness.call(.listContainers, ListRequest(limit: 2, cursor: cursor, includeRaw: true), as: Page<Container>.self)
                #expect(page.items.count <= 2)
                ids += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(ids.contains(harness.schema))
            #expect(ids.contains("public"))
            #expect(Set(ids).count == ids.count, "no schema twice")
            #expect(!ids.contains { $0.hasPrefix("pg_") || $0 == "information_schema" })
            let first = try await harness.call(.listContainers, ListRequest(limit: 100, includeRaw: true), as: Page<Container>.self)
            let mine = try #require(first.items.first { $0.id == harness.schema })
            #expect(mine.kind == "schema")
            #expect(mine.raw?["relations"]?.intValue == 7)
        }
    }

    @Test func tablesAndViewsCarryKindsEstimatesAndColumns() async throws {
        try await withHarness(Self.fixture) { harness in
            let (items, pages) = try await harness.allItems(harness.schema, limit: 3)
            #expect(pages == 3)
            let byTitle = Dictionary(uniqueKeysWithValues: items.map { ($0.title, $0) })
            #expect(byTitle.keys.sorted() == ["Odd Names", "log_lines", "people", "people_summary", "people_view", "tokens", "translations"])
            #expect(byTitle["people"]?.kind == "table")
            #expect(byTitle["people_view"]?.kind == "view")
            #expect(byTitle["people_summary"]?.kind == "materialized_view")
            #expect(byTitle["people"]?.id == "\(harness.schema).people")
            #expect(byTitle["Odd Names"]?.id == "\(harness.schema).\"Odd Names\"")
            #expect(items.allSatisfy { $0.containerId == harness.schema })

            let people = try #require(byTitle["people"]?.raw)
            #expect(people["estimatedRows"]?.intValue == 25)
            #expect(people["columns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["id", "name", "email", "created_at", "updated_at"])
            #expect(people["columns"]?.arrayValue?.first?["type"]?.stringValue == "integer")
            #expect(people["primaryKey"] == ["id"])
            #expect(people["comment"]?.stringValue == "Everyone we know")
            #expect(byTitle["translations"]?.raw?["primaryKey"] == ["key", "lang"])
            #expect(byTitle["people_view"]?.raw?["estimatedRows"] == .null)
        }
    }

    @Test func integerKeyedRowsPageWithoutGapsOrDuplicates() async throws {
        try await withHarness(Self.fixture) { harness in
            let (rows, pages) = try await harness.allItems("\(harness.schema).people", limit: 4)
            #expect(pages == 7)
            #expect(rows.map(\.id) == (1...25).map(String.init))
            #expect(rows.first?.title == "Person 1")
            #expect(rows.first?.kind == "row")
            #expect(rows.first?.containerId == "\(harness.schema).people")
            #expect(rows.first?.createdAt == "2024-01-01T00:00:00.000000Z")
            #expect(rows.first?.updatedAt == "2024-02-01T01:00:00.000000Z")
            #expect(rows.first?.raw?["email"]?.stringValue == "p1@example.com")
            let plain = try await harness.items("\(harness.schema).people", limit: 2)
            #expect(plain.items.allSatisfy { $0.raw == nil }, "raw only with includeRaw")
        }
    }

    @Test func compositeKeysPageInKeyOrder() async throws {
        try await withHarness(Self.fixture) { harness in
            let (rows, _) = try await harness.allItems("\(harness.schema).translations", limit: 5)
            let expected = (1...6).flatMap { number in
                ["de", "en"].map { #"["k\#(String(format: "%02d", number))","\#($0)"]"# }
            }
            #expect(rows.map(\.id) == expected)
            #expect(rows.first?.title == "label 1 de")
        }
    }

    @Test func uuidAndTextKeysPageInServerOrder() async throws {
        try await withHarness(Self.fixture) { harness in
            let tokens = try await harness.allItems("\(harness.schema).tokens", limit: 3)
            #expect(tokens.pages == 4)
            #expect(tokens.items.map(\.id) == (try await harness.fixture.sql("SELECT id FROM {s}.tokens ORDER BY id")))

            let odd = try await harness.allItems("\(harness.schema).\"Odd Names\"", limit: 2)
            #expect(odd.items.map(\.id) == (try await harness.fixture.sql(#"SELECT "Key" FROM {s}."Odd Names" ORDER BY "Key""#)))
            #expect(odd.items.count == 7)
            #expect(odd.items.first { $0.id == "a.b" }?.raw?["select"]?.intValue == 7)
        }
    }

    @Test func rowsFilterByUpdatedSince() async throws {
        try await withHarness(Self.fixture) { harness in
            let page = try await harness.items("\(harness.schema).people", limit: 100, updatedSince: "2024-02-01T20:00:00Z")
            #expect(page.items.map(\.id) == (20...25).map(String.init))
            let error = await errorDocument { try await harness.items(harness.schema, updatedSince: "2024-02-01T20:00:00Z") }
            #expect(error?.code == ErrorDocument.Code.invalidInput, "schemas and tables keep no change time")
            let impossible = await errorDocument { try await harness.items("\(harness.schema).people", updatedSince: "2024-13-01T00:00:00Z") }
            #expect(impossible?.code == ErrorDocument.Code.invalidInput)
            #expect(impossible?.details?["sqlState"]?.stringValue?.hasPrefix("22") == true)
        }
    }

    @Test func tablesWithoutPrimaryKeyAndViewsAreRefusedForRows() async throws {
        try await withHarness(Self.fixture) { harness in
            for table in ["log_lines", "people_view"] {
                let error = await errorDocument { try await harness.items("\(harness.schema).\(table)") }
                #expect(error?.code == ErrorDocument.Code.invalidInput)
                #expect(error?.details?["reason"]?.stringValue == "no_primary_key")
            }
        }
    }

    @Test func unknownSchemasAndTablesAreNotFound() async throws {
        try await withHarness(Self.fixture) { harness in
            for id in ["no_such_schema", "\(harness.schema).no_such_table", "pg_catalog.pg_class", "information_schema.tables"] {
                let error = await errorDocument { try await harness.items(id) }
                #expect(error?.code == ErrorDocument.Code.notFound, "\(id)")
            }
        }
    }

    @Test func commentsOfATableAndItsColumnsPage() async throws {
        try await withHarness(Self.fixture) { harness in
            let table = "\(harness.schema).people"
            var comments: [ConnectorModel.Comment] = []
            var cursor: String?
            repeat {
                let page = try await harness.call(.listComments, ListRequest(itemId: table, limit: 2, cursor: cursor), as: Page<ConnectorModel.Comment>.self)
                comments += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(comments.map(\.id) == [table, "\(table).name", "\(table).email"])
            #expect(comments.map(\.body) == ["Everyone we know", "Full name", "Where to write"])
            #expect(comments.allSatisfy { $0.itemId == table })
            let none = try await harness.call(.listComments, ListRequest(itemId: "\(harness.schema).tokens"), as: Page<ConnectorModel.Comment>.self)
            #expect(none.items.isEmpty)
        }
    }
}
