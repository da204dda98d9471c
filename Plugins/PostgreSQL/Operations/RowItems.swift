import ConnectorModel

/// Turns rows of one table into `Item`s.
///
/// - id: the primary key value as text; a composite key is a JSON array of
///   its values as text, in key order (`["7","en"]`), so ids never collide.
/// - title: the name/title-like or first textual column, else the id.
/// - updatedAt: the sync cursor column when it holds time stamps, else an
///   `updated_at` time stamp column; createdAt: a `created_at` time stamp column.
/// - raw: the row as JSON (`to_jsonb`), only when asked for.
struct RowItems: Sendable {
    let table: TableInfo
    let key: [ColumnInfo]
    let updated: ColumnInfo?
    let created: ColumnInfo?

    init(table: TableInfo, cursorColumn: String) {
        self.table = table
        self.key = table.primaryKey
        self.updated = [cursorColumn, "updated_at"].lazy.compactMap { table.column($0) }.first(where: \.isTemporal)
        self.created = table.column("created_at").flatMap { $0.isTemporal ? $0 : nil }
    }

    /// The expressions `item` reads, besides the row itself.
    var selectedColumns: [(alias: String, expression: String)] {
        key.enumerated().map { ("key_\($0 + 1)", "\($1.sql)::text") }
            + [updated.map { ("updated_at", $0.rfc3339SQL) }, created.map { ("created_at", $0.rfc3339SQL) }].compactMap { $0 }
    }

    func item(_ row: Row, includeRaw: Bool) throws -> Item {
        let keyValues = try key.indices.map { try row.text("key_\($0 + 1)") }
        let id = try Self.id(keyValues)
        let values = try WireCoding.decode(JSONValue.self, from: Array(try row.text("row_json").utf8))
        let title = table.titleColumn.flatMap { values[$0.name]?.stringValue }.flatMap { $0.isEmpty ? nil : $0 } ?? id
        return Item(
            id: id, containerId: table.id, title: title, kind: "row", createdAt: row["created_at"], updatedAt: row["updated_at"],
            raw: includeRaw ? values : nil)
    }

    static func id(_ keyValues: [String]) throws -> String {
        guard keyValues.count > 1 else { return keyValues.first ?? "" }
        return String(decoding: try WireCoding.encode(keyValues), as: UTF8.self)
    }

    /// Refuses tables without a primary key: paging needs a stable, unique
    /// order, and an item needs a stable id. `ctid` is neither (an UPDATE or
    /// VACUUM FULL moves rows), and views have none at all.
    func requireKey() throws {
        guard key.isEmpty else { return }
        throw ErrorDocument(
            code: ErrorDocument.Code.invalidInput,
            message: "\(table.id) has no primary key, so its rows cannot be paged or identified stably; add a primary key to browse or sync it.",
            details: ["reason": "no_primary_key", "kind": .string(table.kind)])
    }
}
