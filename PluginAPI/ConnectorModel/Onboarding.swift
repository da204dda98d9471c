/// Arguments of `oauth.exchange`: the authorization code and the PKCE verifier
/// the host kept server-side. Client id and secret are in the connector settings
/// (`clientId`, `clientSecret`).
public struct OAuthCodeExchange: Codable, Sendable, Equatable {
    public var code: String
    public var codeVerifier: String
    public var redirectUri: String
    public var scopes: [String]
    /// Non-secret connection settings captured when the flow started (e.g. a login host).
    public var connectionConfig: [String: JSONValue]

    public init(code: String, codeVerifier: String, redirectUri: String, scopes: [String], connectionConfig: [String: JSONValue] = [:]) {
        self.code = code
        self.codeVerifier = codeVerifier
        self.redirectUri = redirectUri
        self.scopes = scopes
        self.connectionConfig = connectionConfig
    }
}

/// What onboarding produced: credentials to store (encrypted) and what the
/// connection needs to know about where it points.
public struct ConnectionGrant: Codable, Sendable, Equatable {
    public var credentials: Credentials
    /// Non-secret settings the connection keeps (cloud id, site URL, instance URL).
    public var connectionConfig: [String: JSONValue]
    /// Who authorized, as the provider reports it.
    public var account: JSONValue?
    public var displayName: String?

    public init(credentials: Credentials, connectionConfig: [String: JSONValue] = [:], account: JSONValue? = nil, displayName: String? = nil) {
        self.credentials = credentials
        self.connectionConfig = connectionConfig
        self.account = account
        self.displayName = displayName
    }
}

/// The answer to `revoke`.
public struct RevocationResult: Codable, Sendable, Equatable {
    /// True when the provider confirmed; false when it offers no revocation.
    public var revokedAtProvider: Bool
    public var message: String

    public init(revokedAtProvider: Bool, message: String) {
        self.revokedAtProvider = revokedAtProvider
        self.message = message
    }
}
