import CMongoc
import Store

/// Why one operation failed, before it becomes a `StoreError`: it keeps
/// whether the server could be reached at all, which the availability state
/// machine needs and `StoreError` does not say.
struct MongoFailure: Error {
    var error: StoreError
    /// True for network errors and failed server selection: the server did not answer.
    var serverUnreachable: Bool

    init(_ error: StoreError, serverUnreachable: Bool = false) {
        self.error = error
        self.serverUnreachable = serverUnreachable
    }

    /// Classifies a libmongoc error (error API version 2). `redact` removes
    /// credentials of the URL from the driver's message.
    init(domain: UInt32, code: UInt32, message: String, redact: (String) -> String) {
        let text = redact(message)
        switch domain {
        case MONGOC_ERROR_STREAM.rawValue, MONGOC_ERROR_SERVER_SELECTION.rawValue:
            self.init(StoreError(.unavailable, "MongoDB cannot be reached: \(text)"), serverUnreachable: true)
        case MONGOC_ERROR_BSON.rawValue:
            self.init(StoreError(.corrupt, "MongoDB returned a document this version cannot read: \(text)"))
        case MONGOC_ERROR_SERVER.rawValue, MONGOC_ERROR_WRITE_CONCERN.rawValue, MONGOC_ERROR_QUERY.rawValue,
            MONGOC_ERROR_COMMAND.rawValue, MONGOC_ERROR_COLLECTION.rawValue:
            if Self.duplicateKeyCodes.contains(code) {
                self.init(StoreError(.conflict, Self.duplicateKeyMessage(text)))
            } else {
                let unreachable = Self.serverGoneCodes.contains(code)
                self.init(StoreError(.unavailable, "MongoDB error \(code): \(text)"), serverUnreachable: unreachable)
            }
        default:
            // Client-side failures (authentication, protocol, options): retrying later may help.
            self.init(StoreError(.unavailable, "MongoDB driver error \(domain).\(code): \(text)"))
        }
    }

    /// Names the index but not the key: the server's message echoes the duplicate
    /// value ("dup key: { _id: ... }"), which may be an OAuth state or a key hash.
    static func duplicateKeyMessage(_ serverMessage: String) -> String {
        guard let marker = serverMessage.firstRange(of: "index: ") else { return "a record with the same key exists" }
        let index = serverMessage[marker.upperBound...].prefix { !$0.isWhitespace }
        return "a record with the same key exists (index \(index))"
    }

    /// DuplicateKey, its legacy form, and DuplicateKeyValue.
    static let duplicateKeyCodes: Set<UInt32> = [11000, 11001, 12582]

    /// Server codes that mean "this server is going away or is not the one to ask":
    /// HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress,
    /// PrimarySteppedDown, SocketException, NotWritablePrimary, InterruptedAtShutdown,
    /// InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
    static let serverGoneCodes: Set<UInt32> = [6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]
}

extension bson_error_t {
    /// The message libmongoc wrote into the fixed-size buffer.
    var text: String {
        withUnsafeBytes(of: message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
