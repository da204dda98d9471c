/// The answer to `validate`: do these credentials and settings work?
public struct ValidationResult: Codable, Sendable, Equatable {
    public var valid: Bool
    public var message: String
    /// Who the credentials belong to, as the provider reports it (no secrets).
    public var account: JSONValue?
    public var details: JSONValue?

    public init(valid: Bool, message: String, account: JSONValue? = nil, details: JSONValue? = nil) {
        self.valid = valid
        self.message = message
        self.account = account
        self.details = details
    }
}

/// The answer to `probe`: what the connector can reach right now.
public struct ProbeResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Settings are complete and the provider answered (or nothing needs asking).
        case ready
        /// The operator has not supplied what the connector needs; `missing` names it.
        case notConfigured = "not_configured"
        /// Settings are complete but the provider did not answer as expected.
        case unreachable
    }

    public var status: Status
    public var message: String
    /// Settings the operator still has to supply.
    public var missing: [String]?
    /// Auth methods usable with the current settings.
    public var availableAuthMethods: [AuthMethod.Kind]?
    /// Provider facts: versions, granted scopes, limits.
    public var details: JSONValue?

    public init(
        status: Status,
        message: String,
        missing: [String]? = nil,
        availableAuthMethods: [AuthMethod.Kind]? = nil,
        details: JSONValue? = nil
    ) {
        self.status = status
        self.message = message
        self.missing = missing
        self.availableAuthMethods = availableAuthMethods
        self.details = details
    }
}

extension ValidationResult {
    /// The credentials did not work: `validate` answers this instead of throwing.
    public init(refused error: ErrorDocument) {
        self.init(valid: false, message: error.message, details: ["code": .string(error.code)])
    }
}

extension ProbeResult {
    /// The provider did not answer as expected; the error says how.
    public init(unreachable error: ErrorDocument, availableAuthMethods: [AuthMethod.Kind]? = nil) {
        self.init(status: .unreachable, message: error.message, availableAuthMethods: availableAuthMethods, details: ["code": .string(error.code)])
    }
}
