import ConnectorModel
import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
            select.filter("\(column.sql)::timestamptz >= \(select.bind(try Timestamp.normalized(since), as: PostgresType.timestamptz))")
        }
        let limit = min(max(request.limit, 1), 100)
        let rows = try connection.execute(select.sql(selecting: items.selectedColumns, limit: limit + 1), select.parameters, types: select.types)
            .namedRows
        let page = rows.prefix(limit)
        let next = try rows.count > limit ? page.last.map { Position(table: table.id, after: try select.orderValues($0)) } : nil
        return Page(items: try page.map { try items.item($0, includeRaw: request.includeRaw) }, nextCursor: try next.map(Cursor.encode))
    }
}

/// RFC 3339 time stamps from clients.
enum Timestamp {
    /// `text` re-rendered in one canonical form, or `invalid_input`.
    static func normalized(_ text: String) throws -> String {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? Date(text, strategy: fractional)) ?? (try? Date(text, strategy: .iso8601)) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "updatedSince must be an RFC 3339 time stamp such as 2024-05-01T12:00:00Z.")
        }
        return date.formatted(fractional)
    }
}
