import Dispatch
import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The embedded store: one SQLite file in WAL mode, no server needed.
///
/// SQLite calls block, so they run on a private serial queue, never on the
/// Swift cooperative pool. The connection opens lazily and is dropped after an
/// I/O failure, so the host starts and keeps serving (with 503s) while the file
/// is unwritable, and recovers by itself once it is writable again.
public final class SQLiteStore: HostStore, @unchecked Sendable {
    // @unchecked: `connection` and `statements` are touched only on `queue`.
    public let kind = "sqlite"
    public let path: String
    private let synchronous: Synchronous
    private let queue = DispatchQueue(label: "sqlite-store")
    private var connection: SQLiteConnection?
    private var statements: [String: SQLiteStatement] = [:]

    /// How hard each commit waits for the disk (`PRAGMA synchronous`).
    public enum Synchronous: String, Sendable {
        /// Survives a crash of the process (kill -9); may lose the last commits on power loss.
        case normal = "NORMAL"
        /// Also survives power loss, at one fsync per commit.
        case full = "FULL"
    }

    public init(path: String, synchronous: Synchronous = .normal) {
        self.path = path
        self.synchronous = synchronous
    }

    /// Runs `body` on the store's queue with an open, migrated connection.
    func perform<T: Sendable>(_ body: @escaping @Sendable (Session) throws(StoreError) -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(StoreError) -> T in
                    try body(Session(store: self, connection: try self.openConnection()))
                })
            }
        }
        if case .failure(let error) = result, error.kind == .unavailable {
            queue.async { self.dropConnection() }
        }
        return try result.get()
    }

    private func openConnection() throws(StoreError) -> SQLiteConnection {
        if let connection { return connection }
        let opened = try SQLiteConnection(path: path)
        try opened.execute("PRAGMA journal_mode = WAL")
        try opened.execute("PRAGMA synchronous = \(synchronous.rawValue)")
        try opened.execute("PRAGMA busy_timeout = 5000")
        try SQLiteSchema.migrate(opened)
        connection = opened
        return opened
    }

    private func dropConnection() {
        statements.removeAll()
        connection = nil
    }

    /// A connection plus the statement cache, valid inside one `perform`.
    struct Session {
        let store: SQLiteStore
        let connection: SQLiteConnection

        func statement(_ sql: String) throws(StoreError) -> SQLiteStatement {
            if let cached = store.statements[sql] { return cached }
            let prepared = try connection.prepare(sql)
            store.statements[sql] = prepared
            return prepared
        }

        func rows(_ sql: String, _ values: [SQLiteStatement.Value]) throws(StoreError) -> [SQLiteRow] {
            try statement(sql).rows(values)
        }

        func run(_ sql: String, _ values: [SQLiteStatement.Value]) throws(StoreError) {
            try statement(sql).run(values)
        }

        /// Decodes the `doc` column of every row.
        func documents<T: Decodable>(_ type: T.Type, _ sql: String, _ values: [SQLiteStatement.Value]) throws(StoreError) -> [T] {
            var result: [T] = []
            for row in try rows(sql, values) {
                guard let document = row.text("doc") else { throw StoreError(.corrupt, "a \(T.self) row has no document") }
                result.append(try StoreCoding.decode(type, from: document))
            }
            return result
        }
    }
}

extension SQLiteStatement.Value {
    static func optionalText(_ text: String?) -> Self { text.map { .text($0) } ?? .null }
}
