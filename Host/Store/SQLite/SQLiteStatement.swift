import CSQLite
import Store

/// A prepared statement with positional parameters (`?`); values are always
/// bound, never spliced into SQL.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// A value that can be bound to a parameter.
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    /// Binds `values`, runs the statement and returns every row.
    func rows(_ values: [Value]) throws(StoreError) -> [SQLiteRow] {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, position)
            case .integer(let integer): status = sqlite3_bind_int64(handle, position, integer)
            case .real(let real): status = sqlite3_bind_double(handle, position, real)
            case .text(let text): status = sqlite3_bind_text(handle, position, text, -1, SQLITE_TRANSIENT)
            }
            guard status == SQLITE_OK else { throw connection.failure(status, connection.lastMessage) }
        }
        var rows: [SQLiteRow] = []
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                let error = connection.failure(status, connection.lastMessage)
                sqlite3_reset(handle)
                throw error
            }
            rows.append(SQLiteRow(copying: handle))
        }
        sqlite3_reset(handle)
        return rows
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [Value]) throws(StoreError) {
        _ = try rows(values)
    }
}

/// One result row, copied out of SQLite so it outlives the statement step.
struct SQLiteRow {
    private let columns: [String: SQLiteStatement.Value]

    init(copying statement: OpaquePointer) {
        var columns: [String: SQLiteStatement.Value] = [:]
        for index in 0..<sqlite3_column_count(statement) {
            let name = String(cString: sqlite3_column_name(statement, index))
            switch sqlite3_column_type(statement, index) {
            case SQLITE_INTEGER: columns[name] = .integer(sqlite3_column_int64(statement, index))
            case SQLITE_FLOAT: columns[name] = .real(sqlite3_column_double(statement, index))
            case SQLITE_TEXT: columns[name] = .text(String(cString: sqlite3_column_text(statement, index)))
            default: columns[name] = .null
            }
        }
        self.columns = columns
    }

    func text(_ name: String) -> String? {
        if case .text(let value) = columns[name] { return value }
        return nil
    }

    func integer(_ name: String) -> Int64? {
        if case .integer(let value) = columns[name] { return value }
        return nil
    }
}

/// SQLite's "copy the value now" destructor, which the C macro hides from Swift.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
