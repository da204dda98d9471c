import CLibpq

#if canImport(Glibc)
import Glibc
#endif

/// One libpq session (`PGconn`). Every method blocks on the network, so an
/// instance lives on its `LibpqThread` and is only touched by jobs running
/// there; it is deliberately not `Sendable`.
final class LibpqConnection {
    private let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQfinish(handle)
    }

    /// Connects (blocking, bounded by the `connect_timeout` parameter).
    static func connect(_ parameters: ConnectionParameters) throws(PostgresError) -> LibpqConnection {
        let keywords = parameters.entries.map { strdup($0.keyword) } + [nil]
        let values = parameters.entries.map { strdup($0.value) } + [nil]
        defer { (keywords + values).forEach { free($0) } }
        let handle = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { keywordList in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueList in
                PQconnectdbParams(keywordList.baseAddress, valueList.baseAddress, 0)
            }
        }
        guard let handle else { throw PostgresError(.connectionFailed, message: "libpq could not allocate a connection.") }
        let connection = LibpqConnection(handle: handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(.connectionFailed, message: connection.lastError)
        }
        return connection
    }

    /// Runs one statement with its values bound as parameters (`PQexecParams`,
    /// text format), so no value is ever spliced into SQL. `types` holds the
    /// parameters' type OIDs (0 lets the server infer one).
    func execute(_ sql: String, _ parameters: [String?] = [], types: [UInt32] = []) throws(PostgresError) -> QueryResult {
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let oids = types.isEmpty ? [Oid](repeating: 0, count: parameters.count) : types.map { Oid($0) }
        let result = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueList in
            oids.withUnsafeBufferPointer { oidList in
                PQexecParams(handle, sql, Int32(parameters.count), oidList.baseAddress, valueList.baseAddress, nil, nil, 0)
            }
        }
        guard let result else { throw failure(sqlState: nil, message: lastError) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return Self.copy(result)
        default:
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? lastError
            throw failure(sqlState: sqlState, message: message)
        }
    }

    /// Whether the session can serve another lease: still connected and
    /// outside any transaction (a failed or open transaction is not reused).
    var isReusable: Bool {
        PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// A handle that cancels this session's running statement from another thread.
    func makeCanceller() -> QueryCanceller? {
        PQgetCancel(handle).map(QueryCanceller.init)
    }

    private var lastError: String {
        PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown libpq error"
    }

    /// A server error on a live session, or a lost session (libpq reports
    /// CONNECTION_BAD once the socket is gone, whatever the last message was).
    private func failure(sqlState: String?, message: String) -> PostgresError {
        let lost = PQstatus(handle) != CONNECTION_OK || sqlState.map(Self.isSessionEnding) == true
        return PostgresError(lost ? .connectionLost : .server, sqlState: sqlState, message: message)
    }

    /// Class 08 (connection exception) and 57P01-57P03 (shutdown, crash, cannot connect now).
    private static func isSessionEnding(_ sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    private static func copy(_ result: OpaquePointer) -> QueryResult {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        let rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column -> String? in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        return QueryResult(columns: columns, rows: rows)
    }
}
