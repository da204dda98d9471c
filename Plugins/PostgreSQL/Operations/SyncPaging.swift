import ConnectorModel

/// `sync.page` for one table ("<schema>.<table>" in `containerId`): rows in
/// the order of the cursor column (setting `syncCursorColumn`, default
/// `updated_at`) with the primary key breaking ties, so rows sharing a cursor
/// value are neither skipped nor repeated across pages:
/// `WHERE (col, pk) > ($1, $2) ORDER BY col, pk LIMIT n`.
///
/// Without a checkpoint a sync starts at the beginning (whatever the mode):
/// first the rows whose cursor column is NULL (by key), then the others. With
/// one it resumes after it, so an incremental sync sees the rows whose cursor
/// value moved past the last page of the previous sync. Limits: deletions are not
/// detected (`deletedIds` stays empty), and a row whose cursor value is set
/// to something at or before the checkpoint is missed, as with any cursor sync.
/// Records carry the row as `raw`: the sync request has no `includeRaw`, and
/// a row's values are what a database sync is for.
enum SyncPaging {
    static func page(_ request: SyncPageRequest, _ options: ConnectorOptions, on connection: LibpqConnection) throws -> SyncPage {
        guard request.stream == "items" else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The PostgreSQL connector syncs the items stream only.")
        }
        guard let containerId = request.containerId else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "sync.page needs containerId naming a table (schema.table).")
        }
        let table = try Catalog.table(try QualifiedName(parsing: containerId, field: "containerId"), field: "containerId", on: connection)
        let items = RowItems(table: table, cursorColumn: options.syncCursorColumn)
        try items.requireKey()
        guard let column = table.column(options.syncCursorColumn) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput,
                message: "\(table.id) has no column \(QualifiedName.quote(options.syncCursorColumn)) to sync by (setting syncCursorColumn).")
        }
        var checkpoint = try SyncCheckpoint.resume(request.checkpoint, table: table.id, column: column, keyCount: items.key.count)
        let limit = min(max(request.limit, 1), 1000)
        var records: [SyncRecord] = []
        if checkpoint.phase == .nulls {
            var select = RowSelect(table: table, order: items.key)
            select.filter("\(column.sql) IS NULL")
            if let after = checkpoint.after { try select.after(after) }
            let rows = try fetch(&select, items, limit: limit, on: connection)
            records += try rows.prefix(limit).map { try record($0, items) }
            if rows.count > limit {
                checkpoint.after = try select.orderValues(rows[limit - 1])
                return SyncPage(records: records, checkpoint: try JSONValue(encoding: checkpoint), hasMore: true)
            }
            checkpoint = checkpoint.enteringValues()
        }
        let room = limit - records.count
        guard room > 0 else { return SyncPage(records: records, checkpoint: try JSONValue(encoding: checkpoint), hasMore: true) }
        var select = RowSelect(table: table, order: [column] + items.key)
        select.filter("\(column.sql) IS NOT NULL")
        if let after = checkpoint.after { try select.after(after) }
        let rows = try fetch(&select, items, limit: room, on: connection)
        let page = rows.prefix(room)
        records += try page.map { try record($0, items) }
        if let last = page.last { checkpoint.after = try select.orderValues(last) }
        return SyncPage(records: records, checkpoint: try JSONValue(encoding: checkpoint), hasMore: rows.count > room)
    }

    /// A row as a sync record. The host keeps one feed entry per connection,
    /// kind and record id, and keys repeat across tables ("1"), so the record
    /// id names the table first: "<schema>.<table>:<key>". The item inside
    /// keeps the key alone as its id, as in browsing.
    private static func record(_ row: Row, _ items: RowItems) throws -> SyncRecord {
        var record = try SyncRecord(items.item(row, includeRaw: true))
        record.id = "\(items.table.id):\(record.id)"
        return record
    }

    /// Up to `limit + 1` rows: the extra one only says whether more follow.
    private static func fetch(_ select: inout RowSelect, _ items: RowItems, limit: Int, on connection: LibpqConnection) throws -> [Row] {
        let sql = select.sql(selecting: items.selectedColumns, limit: limit + 1)
        return try connection.execute(sql, select.parameters, types: select.types).namedRows
    }
}
