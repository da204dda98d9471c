import ConnectorModel

/// Where a table sync stands; opaque to the host, which stores it between pages.
struct SyncCheckpoint: Codable, Sendable, Equatable {
    enum Phase: String, Codable, Sendable {
        /// Rows whose cursor column is NULL, by key (full syncs start here).
        case nulls
        /// Rows by (cursor column, key).
        case values
    }

    /// The table's id and the cursor column: a checkpoint made for another
    /// table or column is refused instead of silently skipping rows.
    let table: String
    let column: String
    private(set) var phase: Phase
    /// The last row returned, as text: its key in `nulls`, its cursor value
    /// then key in `values`; nil before the first row of the phase.
    var after: [String]?

    /// The checkpoint to continue from; a new sync starts with NULL rows
    /// unless the column cannot hold NULL.
    static func resume(_ stored: JSONValue?, table: String, column: ColumnInfo, keyCount: Int) throws -> SyncCheckpoint {
        guard let stored, stored != .null else {
            return SyncCheckpoint(table: table, column: column.name, phase: column.notNull ? .values : .nulls, after: nil)
        }
        guard let checkpoint = try? stored.decode(as: SyncCheckpoint.self),
            checkpoint.after.map({ $0.count == keyCount + (checkpoint.phase == .values ? 1 : 0) }) ?? true
        else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint is not one this connector issued.")
        }
        guard checkpoint.table == table, checkpoint.column == column.name else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput,
                message: "The checkpoint was made for \(checkpoint.table) by \(checkpoint.column); start a full sync for \(table) by \(column.name).")
        }
        return checkpoint
    }

    /// The same sync, past the NULL rows.
    func enteringValues() -> SyncCheckpoint {
        SyncCheckpoint(table: table, column: column, phase: .values, after: nil)
    }
}
