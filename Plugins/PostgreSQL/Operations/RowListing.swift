import ConnectorModel
import ConnectorSDK

/// `items.list` for "<schema>.<table>": the table's rows in primary key
/// order, paged by keyset (the cursor holds the last key, never an offset).
enum RowListing {
    /// Where the next page starts.
    struct Position: Codable, Sendable {
        /// The table's id: a cursor is refused on any other listing.
        let table: String
        /// The last key of the previous page, as text, in key order.
        let after: [String]
    }

    static func page(_ name: QualifiedName, _ request: ListRequest, _ options: ConnectorOptions, on connection: LibpqConnection) throws -> Page<Item> {
        let table = try Catalog.table(name, field: "containerId", on: connection)
        let items = RowItems(table: table, cursorColumn: options.syncCursorColumn)
        try items.requireKey()
        var select = RowSelect(table: table, order: items.key)
        if let cursor = request.cursor {
            let position = try Cursor.decode(cursor, as: Position.self)
            guard position.table == table.id, position.after.count == items.key.count else {
                throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor belongs to another listing.")
            }
            try select.after(position.after)
        }
        if let since = request.updatedSince {
            guard let column = items.updated else {
                throw ErrorDocument(
                    code: ErrorDocument.Code.invalidInput,
                    message: "updatedSince needs a time stamp column (\(options.syncCursorColumn) or updated_at); \(table.id) has none.")
            }
            select.filter("\(column.sql)::timestamptz >= \(select.bind(try UpdatedSince.checked(since), as: PostgresType.timestamptz))")
        }
        let limit = min(max(request.limit, 1), 100)
        let rows = try connection.execute(select.sql(selecting: items.selectedColumns, limit: limit + 1), select.parameters, types: select.types)
            .namedRows
        let page = rows.prefix(limit)
        let next = try rows.count > limit ? page.last.map { Position(table: table.id, after: try select.orderValues($0)) } : nil
        return Page(items: try page.map { try items.item($0, includeRaw: request.includeRaw) }, nextCursor: try next.map(Cursor.encode))
    }
}
