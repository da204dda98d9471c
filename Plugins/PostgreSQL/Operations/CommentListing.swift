import ConnectorModel
import ConnectorSDK

/// `comments.list` for "<schema>.<table>": the `COMMENT ON` text of the table
/// (id "<schema>.<table>") and of its columns (id "<schema>.<table>.<column>"),
/// in column order; objects without a comment are left out.
enum CommentListing {
    /// Where the next page starts: the last column number (0 is the table).
    struct Position: Codable, Sendable {
        let item: String
        let after: Int
    }

    static func page(_ name: QualifiedName, _ request: ListRequest, on connection: LibpqConnection) throws -> Page<Comment> {
        try UpdatedSince.refuse(request, "comments")
        let table = try Catalog.table(name, field: "itemId", on: connection)
        // As for the schema's table listing, which shows these texts too: USAGE on the schema first.
        _ = try Catalog.schema(table.schema, on: connection)
        var after = -1
        if let cursor = request.cursor {
            let position = try Cursor.decode(cursor, as: Position.self)
            guard position.item == table.id else {
                throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor belongs to another listing.")
            }
            after = position.after
        }
        let limit = min(max(request.limit, 1), 100)
        let rows = try connection.execute(
            """
            SELECT * FROM (
                SELECT 0 AS position, NULL::text AS column_name, NULL::text AS column_id, obj_description($1::oid, 'pg_class') AS body
                UNION ALL
                SELECT a.attnum, a.attname, quote_ident(a.attname), col_description(a.attrelid, a.attnum)
                FROM pg_catalog.pg_attribute a WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
            ) AS comments
            WHERE body IS NOT NULL AND position > $2::int
            ORDER BY position LIMIT $3
            """, [String(table.oid), String(after), String(limit + 1)]
        ).namedRows
        let page = rows.prefix(limit)
        let comments = try page.map { row in
            Comment(
                id: row["column_id"].map { table.id + "." + $0 } ?? table.id, itemId: table.id, body: try row.text("body"),
                raw: request.includeRaw ? ["column": row["column_name"].map(JSONValue.string) ?? .null] : nil)
        }
        let next = try rows.count > limit ? page.last?.integer("position").map { try Cursor.encode(Position(item: table.id, after: $0)) } : nil
        return Page(items: comments, nextCursor: next)
    }
}
