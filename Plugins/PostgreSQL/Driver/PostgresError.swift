/// Why a libpq call failed: the module's one error type. Its `code` is opaque
/// (a private enum behind a struct) so new cases never break callers; the
/// connector maps it to an `ErrorDocument` in one place
/// (`ErrorDocument+Postgres.swift`).
struct PostgresError: Error, Sendable, Equatable {
    /// What kind of failure this is.
    struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case connectionFailed = "connection_failed"
            case connectionLost = "connection_lost"
            case server
            case closed
        }

        private let base: Base

        /// The session could not be established (network, authentication, missing database).
        static let connectionFailed = Code(base: .connectionFailed)
        /// An established session broke (the backend was terminated, the socket closed).
        static let connectionLost = Code(base: .connectionLost)
        /// The server rejected a statement; `sqlState` says why.
        static let server = Code(base: .server)
        /// The pool or connection was shut down before the work could run.
        static let closed = Code(base: .closed)

        var description: String { base.rawValue }
    }

    let code: Code
    /// The five-character SQLSTATE, when the server sent one.
    let sqlState: String?
    /// libpq's or the server's text, whitespace collapsed. It never holds the
    /// password (libpq does not echo it), and the connector still scrubs every
    /// secret out of it before it reaches a client or a log.
    let message: String

    init(_ code: Code, sqlState: String? = nil, message: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
