import ConnectorModel

/// Resolves client-supplied names against the system catalog. Names are bound
/// as parameters and compared with catalog names; what comes back (the
/// catalog's own spelling) is what later SQL uses.
enum Catalog {
    /// Schemas clients never see: system catalogs, TOAST and temporary
    /// schemas (all `pg_*`; users cannot create such names) and information_schema.
    static let visibleSchema = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
    /// Relation kinds offered as items: tables, partitioned tables, views, materialized views, foreign tables.
    static let browsableKinds = "c.relkind IN ('r', 'p', 'v', 'm', 'f')"

    /// The schema's id (`quote_ident`); throws `not_found` or `forbidden` (no USAGE).
    static func schema(_ name: String, on connection: LibpqConnection) throws -> String {
        let row = try connection.execute(
            """
            SELECT quote_ident(n.nspname) AS id, has_schema_privilege(n.oid, 'USAGE') AS usage
            FROM pg_catalog.pg_namespace n WHERE n.nspname = $1 AND \(visibleSchema)
            """, [name]
        ).first
        guard let row else { throw ErrorDocument(code: ErrorDocument.Code.notFound, message: "There is no schema \(QualifiedName.quote(name)).") }
        guard row.flag("usage") else {
            throw ErrorDocument(code: ErrorDocument.Code.forbidden, message: "The role has no USAGE privilege on schema \(QualifiedName.quote(name)).")
        }
        return try row.text("id")
    }

    /// The table, view or materialized view `name` (schema.table); throws `invalid_input` or `not_found`.
    static func table(_ name: QualifiedName, field: String, on connection: LibpqConnection) throws -> TableInfo {
        guard name.parts.count == 2 else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "\(field) must name a table as schema.table.")
        }
        let found = try connection.execute(
            """
            SELECT c.oid, c.relkind, n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS id
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND \(browsableKinds) AND \(visibleSchema)
            """, name.parts
        ).first
        guard let found, let oid = UInt32(try found.text("oid")) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notFound,
                message: "There is no table or view \(name.parts.map(QualifiedName.quote).joined(separator: ".")).")
        }
        return TableInfo(
            oid: oid, schema: try found.text("nspname"), name: try found.text("relname"), id: try found.text("id"),
            kind: TableInfo.kind(try found.text("relkind")), columns: try columns(of: oid, on: connection))
    }

    private static func columns(of table: UInt32, on connection: LibpqConnection) throws -> [ColumnInfo] {
        try connection.execute(
            """
            SELECT a.attname, a.atttypid, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                   (SELECT k.position FROM pg_catalog.pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                    WHERE i.indrelid = a.attrelid AND i.indisprimary AND k.attnum = a.attnum) AS key_position
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, [String(table)]
        ).namedRows.map { row in
            ColumnInfo(
                name: try row.text("attname"), typeOID: UInt32(try row.text("atttypid")) ?? 0, typeName: try row.text("type"),
                notNull: row.flag("attnotnull"), primaryKeyPosition: row.integer("key_position"))
        }
    }
}
