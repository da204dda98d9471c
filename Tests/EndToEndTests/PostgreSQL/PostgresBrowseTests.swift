import ConnectorModel
import Testing

/// Browsing over REST against the real server: schemas, then a schema's
/// tables and views, then a table's rows page by page, and COMMENT ON texts.
@Suite struct PostgresBrowseTests {
    static let fixture = """
        CREATE TABLE {s}.orders (id int PRIMARY KEY, customer text NOT NULL, total numeric(10,2), updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.orders (id, customer, total) SELECT g * 3, 'customer ' || g, g * 1.5 FROM generate_series(1, 23) AS g;
        CREATE VIEW {s}.big_orders AS SELECT * FROM {s}.orders WHERE total > 10;
        CREATE TABLE {s}.order_lines (order_id int, line int, sku text, PRIMARY KEY (order_id, line));
        INSERT INTO {s}.order_lines SELECT o, l, 'sku-' || o || '-' || l FROM generate_series(1, 3) AS o, generate_series(1, 3) AS l;
        COMMENT ON TABLE {s}.orders IS 'One row per order';
        COMMENT ON COLUMN {s}.orders.customer IS 'Who ordered';
        """

    @Test func schemasTablesAndViews() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let schema = session.fixture.schema

            var schemas: [JSONValue] = []
            var cursor: String?
            repeat {
                var query = ["limit": "100"]
                query["cursor"] = cursor
                let page = try await session.browse("containers", connectionId, query)
                try #require(page.status == 200, "\(page.text)")
                schemas += page.data["items"]?.arrayValue ?? []
                cursor = page.data["nextCursor"]?.stringValue
            } while cursor != nil
            #expect(schemas.ids.filter { $0 == schema }.count == 1)
            #expect(schemas.first { $0["id"]?.stringValue == schema }?["kind"] == "schema")
            #expect(!schemas.ids.contains("pg_catalog") && !schemas.ids.contains("information_schema"))

            let relations = try await session.browse("items", connectionId, ["containerId": schema])
            try #require(relations.status == 200, "\(relations.text)")
            let items = relations.data["items"]?.arrayValue ?? []
            #expect(items.ids == ["big_orders", "order_lines", "orders"].map(session.fixture.id))
            #expect(items.compactMap { $0["kind"]?.stringValue } == ["view", "table", "table"])
            #expect(items.allSatisfy { $0["containerId"]?.stringValue == schema })
        }
    }

    @Test func rowsPageByKeyWithNeitherGapNorDuplicate() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let expected = try await session.fixture.sql("SELECT id FROM {s}.orders ORDER BY id")
            #expect(expected.count == 23)
            let (rows, pages) = try await session.allItems(connectionId, session.fixture.id("orders"), limit: 5)
            #expect(pages == 5)
            #expect(rows.ids == expected)
            #expect(rows.first?["title"] == "customer 1")
            #expect(rows.allSatisfy { $0["kind"] == "row" && $0["containerId"]?.stringValue == session.fixture.id("orders") })

            // A composite key is an id of its values in key order.
            let lines = try await session.fixture.sql(#"SELECT '["' || order_id || '","' || line || '"]' FROM {s}.order_lines ORDER BY order_id, line"#)
            let (lineRows, linePages) = try await session.allItems(connectionId, session.fixture.id("order_lines"), limit: 2)
            #expect(linePages == 5)
            #expect(lineRows.ids == lines)
        }
    }

    @Test func rowsWithTheRowItself() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let page = try await session.browse("items", connectionId, ["containerId": session.fixture.id("orders"), "limit": "1", "includeRaw": "true"])
            try #require(page.status == 200, "\(page.text)")
            let row = try #require(page.data["items"]?.arrayValue?.first)
            #expect(row["raw"]?["customer"] == "customer 1")
            #expect(row["raw"]?["id"] == 3)
            #expect(page.data["nextCursor"]?.stringValue != nil)
        }
    }

    @Test func commentsAreTheCommentOnTexts() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let orders = session.fixture.id("orders")
            let page = try await session.browse("comments", connectionId, ["itemId": orders])
            try #require(page.status == 200, "\(page.text)")
            let comments = page.data["items"]?.arrayValue ?? []
            #expect(comments.ids == [orders, orders + ".customer"])
            #expect(comments.compactMap { $0["body"]?.stringValue } == ["One row per order", "Who ordered"])
            #expect(comments.allSatisfy { $0["itemId"]?.stringValue == orders })

            let none = try await session.browse("comments", connectionId, ["itemId": session.fixture.id("order_lines")])
            #expect(none.status == 200)
            #expect(none.data["items"] == .array([]))
        }
    }

    @Test func viewsAndMissingTablesHaveNoRows() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let view = try await session.browse("items", connectionId, ["containerId": session.fixture.id("big_orders")])
            #expect(view.status == 400, "\(view.text)")
            #expect(view.errorCode == ErrorDocument.Code.invalidInput)
            #expect(view.body["error"]?["details"]?["reason"] == "no_primary_key")

            let missing = try await session.browse("items", connectionId, ["containerId": session.fixture.id("no_such_table")])
            #expect(missing.status == 404, "\(missing.text)")
            #expect(missing.errorCode == ErrorDocument.Code.notFound)
            let noSchema = try await session.browse("items", connectionId, ["containerId": "no_such_schema_e2e"])
            #expect(noSchema.status == 404, "\(noSchema.text)")
        }
    }
}
