/// What a connector declares about itself (the manifest in `connector_abi.h`).
public struct Manifest: Codable, Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var version: String
    public var description: String
    public var authMethods: [AuthMethod]
    /// Named base URLs, e.g. `["api": "https://api.atlassian.com"]`; operators may override each.
    public var endpoints: [String: String]
    /// JSON Schema of the connector-wide settings; properties with `"secret": true` are never shown.
    public var configSchema: JSONValue
    public var operations: [Operation]
    public var capabilities: JSONValue?

    public init(
        id: String,
        displayName: String,
        version: String,
        description: String,
        authMethods: [AuthMethod],
        endpoints: [String: String] = [:],
        configSchema: JSONValue = ["type": "object", "properties": [:]],
        operations: [Operation],
        capabilities: JSONValue? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.version = version
        self.description = description
        self.authMethods = authMethods
        self.endpoints = endpoints
        self.configSchema = configSchema
        self.operations = operations
        self.capabilities = capabilities
    }

    /// The declared auth method of `kind`, if any.
    public func authMethod(_ kind: AuthMethod.Kind) -> AuthMethod? {
        authMethods.first { $0.type == kind }
    }

    public func implements(_ operation: Operation) -> Bool {
        operations.contains(operation)
    }
}

/// One way a client can connect an account.
public struct AuthMethod: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case oauth2
        case apiKey = "api_key"
        case basic
        case connectionString = "connection_string"
    }

    public var type: Kind
    // oauth2
    public var authorizationUrl: String?
    public var tokenUrl: String?
    public var revocationUrl: String?
    public var defaultScopes: [String]?
    public var scopeSeparator: String?
    public var authorizationParams: [String: String]?
    public var pkce: Bool?
    // api_key, basic, connection_string
    public var fields: [Field]?
    public var hint: String?

    /// One value the client supplies to connect (site URL, e-mail, token, ...).
    public struct Field: Codable, Sendable, Equatable {
        public var name: String
        public var label: String
        public var secret: Bool
        public var required: Bool
        public var description: String?

        public init(name: String, label: String, secret: Bool = false, required: Bool = true, description: String? = nil) {
            self.name = name
            self.label = label
            self.secret = secret
            self.required = required
            self.description = description
        }
    }

    public static func oauth2(
        authorizationUrl: String,
        tokenUrl: String,
        revocationUrl: String? = nil,
        defaultScopes: [String],
        scopeSeparator: String = " ",
        authorizationParams: [String: String] = [:],
        pkce: Bool = true
    ) -> AuthMethod {
        AuthMethod(
            type: .oauth2, authorizationUrl: authorizationUrl, tokenUrl: tokenUrl, revocationUrl: revocationUrl,
            defaultScopes: defaultScopes, scopeSeparator: scopeSeparator,
            authorizationParams: authorizationParams, pkce: pkce)
    }

    public static func fields(_ kind: Kind, _ fields: [Field], hint: String) -> AuthMethod {
        AuthMethod(type: kind, fields: fields, hint: hint)
    }

    public init(
        type: Kind,
        authorizationUrl: String? = nil,
        tokenUrl: String? = nil,
        revocationUrl: String? = nil,
        defaultScopes: [String]? = nil,
        scopeSeparator: String? = nil,
        authorizationParams: [String: String]? = nil,
        pkce: Bool? = nil,
        fields: [Field]? = nil,
        hint: String? = nil
    ) {
        self.type = type
        self.authorizationUrl = authorizationUrl
        self.tokenUrl = tokenUrl
        self.revocationUrl = revocationUrl
        self.defaultScopes = defaultScopes
        self.scopeSeparator = scopeSeparator
        self.authorizationParams = authorizationParams
        self.pkce = pkce
        self.fields = fields
        self.hint = hint
    }
}
