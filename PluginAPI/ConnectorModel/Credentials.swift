/// Secrets of a connection (the credentials document of `connector_abi.h`).
/// Never logged or returned to clients; stored encrypted.
public struct Credentials: Codable, Sendable, Equatable {
    public var type: AuthMethod.Kind
    public var accessToken: String?
    public var refreshToken: String?
    /// RFC 3339; `nil` when the provider does not say (Salesforce).
    public var expiresAt: String?
    public var scopes: [String]?
    public var apiKey: String?
    public var apiSecret: String?
    public var username: String?
    public var password: String?
    /// Other secret values by name (a connection string, a private key).
    public var secrets: [String: String]?
    /// Provider-specific values that are not secret (instance URL, cloud id, token type).
    public var extra: [String: JSONValue]?

    public init(
        type: AuthMethod.Kind,
        accessToken: String? = nil,
        refreshToken: String? = nil,
        expiresAt: String? = nil,
        scopes: [String]? = nil,
        apiKey: String? = nil,
        apiSecret: String? = nil,
        username: String? = nil,
        password: String? = nil,
        secrets: [String: String]? = nil,
        extra: [String: JSONValue]? = nil
    ) {
        self.type = type
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.username = username
        self.password = password
        self.secrets = secrets
        self.extra = extra
    }

    /// Every secret string this document holds, for log redaction.
    public var secretValues: [String] {
        ([accessToken, refreshToken, apiKey, apiSecret, password].compactMap { $0 } + (secrets ?? [:]).values).filter { !$0.isEmpty }
    }
}
