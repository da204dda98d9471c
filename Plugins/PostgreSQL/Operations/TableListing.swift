import ConnectorModel
import ConnectorSDK

/// `items.list` for "<schema>": its tables, views and materialized views in
/// name order. `raw` (with `includeRaw`) carries the planner's row estimate
/// (`pg_class.reltuples`; null before the first ANALYZE and for views), the
/// columns and the primary key.
enum TableListing {
    static func page(_ schema: String, _ request: ListRequest, on connection: LibpqConnection) throws -> Page<Item> {
        try UpdatedSince.refuse(request, "tables")
        let schemaId = try Catalog.schema(schema, on: connection)
        let after = try NamePosition.after(request.cursor, scope: schemaId)
        let limit = min(max(request.limit, 1), 100)
        let rows = try connection.execute(
            """
            SELECT c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS id, c.relkind,
                   CASE WHEN c.relkind IN ('r', 'p', 'm') AND c.reltuples >= 0 THEN c.reltuples::bigint END AS estimated_rows,
                   obj_description(c.oid, 'pg_class') AS comment, pg_get_userbyid(c.relowner) AS owner,
                   has_table_privilege(c.oid, 'SELECT') AS readable,
                   (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                                      'nullable', NOT a.attnotnull, 'comment', col_description(a.attrelid, a.attnum))
                                    ORDER BY a.attnum)
                    FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
                   (SELECT json_agg(a.attname ORDER BY k.position)
                    FROM pg_catalog.pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                    WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND \(Catalog.browsableKinds) AND ($2::name IS NULL OR c.relname > $2::name)
            ORDER BY c.relname LIMIT $3
            """, [schema, after, String(limit + 1)]
        ).namedRows
        let page = rows.prefix(limit)
        let items = try page.map { row in
            Item(
                id: try row.text("id"), containerId: schemaId, title: try row.text("relname"), kind: TableInfo.kind(try row.text("relkind")),
                raw: request.includeRaw ? try raw(row) : nil)
        }
        return Page(items: items, nextCursor: try NamePosition.next(page.last?["relname"], scope: schemaId, hasMore: rows.count > limit))
    }

    private static func raw(_ row: Row) throws -> JSONValue {
        func json(_ column: String) throws -> JSONValue {
            try row[column].map { try WireCoding.decode(JSONValue.self, from: Array($0.utf8)) } ?? .array([])
        }
        return [
            "estimatedRows": row.integer("estimated_rows").map { .number(Double($0)) } ?? .null,
            "columns": try json("columns"), "primaryKey": try json("primary_key"),
            "comment": row["comment"].map(JSONValue.string) ?? .null, "owner": .string(try row.text("owner")),
            "readable": .bool(row.flag("readable")),
        ]
    }
}
