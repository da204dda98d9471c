/// Why a store operation failed. Only the HTTP layer maps it to a status.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database cannot be reached or written (server down, file unwritable): retry later.
        case unavailable
        /// A unique key is already taken.
        case conflict
        /// A record could not be decoded: the stored data is not what this version expects.
        case corrupt
    }

    public var kind: Kind
    /// For operators; never contains secrets (queries are parameterised, values are not echoed).
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind): \(message)" }
}
