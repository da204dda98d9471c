import ConnectorSDK

/// Where a sync of one sObject stands: the last (SystemModstamp, Id) stored and
/// the instant from which deletions have not been collected yet.
struct SyncCheckpoint: Codable, Sendable, Equatable {
    var object: String
    /// RFC 3339 with milliseconds.
    var modstamp: String?
    var id: String?
    /// RFC 3339; set when the sync started, advanced by each deletion read.
    var deletedSince: String?

    init(object: String, modstamp: String? = nil, id: String? = nil, deletedSince: String? = nil) {
        self.object = object
        self.modstamp = modstamp
        self.id = id
        self.deletedSince = deletedSince
    }

    /// Reads a checkpoint this connector wrote; anything else is `invalid_input`.
    init(_ json: JSONValue) throws {
        guard let checkpoint = try? json.decode(as: SyncCheckpoint.self), SOQL.isIdentifier(checkpoint.object) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint is not one this connector wrote.")
        }
        self = checkpoint
    }

    /// The keyset position, when records have been stored.
    func position() throws -> (modstamp: SalesforceDateTime, id: String)? {
        guard let modstamp, let id else { return nil }
        guard let instant = SalesforceDateTime(modstamp) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The checkpoint's timestamp is not RFC 3339.")
        }
        return (instant, id)
    }

    func json() throws -> JSONValue {
        try JSONValue(encoding: self)
    }
}
