import CSQLite
import Store

/// One sqlite3 connection. Not thread-safe by design: `SQLiteStore` owns it and
/// touches it from its serial queue only.
final class SQLiteConnection {
    private let handle: OpaquePointer

    init(path: String) throws(StoreError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(db)
            throw StoreError(.unavailable, "cannot open the SQLite database at \(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws(StoreError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        defer { sqlite3_free(error) }
        guard status == SQLITE_OK else {
            throw failure(status, error.map { String(cString: $0) } ?? "")
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, lastMessage) }
        return SQLiteStatement(statement, connection: self)
    }

    /// Runs `body` in one transaction, rolling back if it throws.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// Maps an SQLite result code to the store's error kinds.
    func failure(_ status: Int32, _ message: String) -> StoreError {
        switch status & 0xFF {
        case SQLITE_CONSTRAINT:
            return StoreError(.conflict, "a record with the same key exists (\(message))")
        case SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_MISMATCH:
            return StoreError(.corrupt, "the SQLite database is damaged: \(message)")
        default:
            return StoreError(.unavailable, "SQLite error \(status): \(message)")
        }
    }
}
