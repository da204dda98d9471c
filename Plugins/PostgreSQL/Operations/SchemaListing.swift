import ConnectorModel
import ConnectorSDK

/// `containers.list`: the schemas the role may use (USAGE), system schemas
/// left out, in name order.
enum SchemaListing {
    static func page(_ request: ListRequest, on connection: LibpqConnection) throws -> Page<Container> {
        try UpdatedSince.refuse(request, "schemas")
        let after = try NamePosition.after(request.cursor, scope: "schemas")
        let limit = min(max(request.limit, 1), 100)
        let rows = try connection.execute(
            """
            SELECT n.nspname, quote_ident(n.nspname) AS id, pg_get_userbyid(n.nspowner) AS owner,
                   obj_description(n.oid, 'pg_namespace') AS comment,
                   (SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND \(Catalog.browsableKinds)) AS relations
            FROM pg_catalog.pg_namespace n
            WHERE \(Catalog.visibleSchema) AND has_schema_privilege(n.oid, 'USAGE') AND ($1::name IS NULL OR n.nspname > $1::name)
            ORDER BY n.nspname LIMIT $2
            """, [after, String(limit + 1)]
        ).namedRows
        let page = rows.prefix(limit)
        let containers = try page.map { row in
            Container(
                id: try row.text("id"), name: try row.text("nspname"), kind: "schema",
                raw: request.includeRaw
                    ? ["owner": .string(try row.text("owner")), "comment": row["comment"].map(JSONValue.string) ?? .null,
                       "relations": .number(Double(row.integer("relations") ?? 0))] : nil)
        }
        let next = try NamePosition.next(page.last?["nspname"], scope: "schemas", hasMore: rows.count > limit)
        return Page(items: containers, nextCursor: next)
    }
}
