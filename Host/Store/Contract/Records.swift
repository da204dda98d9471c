import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Operator settings of one connector (not tenant-scoped).
public struct ConnectorSettingsRecord: Codable, Sendable, Equatable {
    public var connectorId: String
    public var enabled: Bool
    /// Non-secret settings, validated against the manifest's `configSchema`.
    public var config: [String: JSONValue]
    /// Secret settings (`"secret": true` in the schema), each value a Fernet token.
    public var encryptedSecrets: [String: String]
    /// Operator overrides of the manifest's endpoint base URLs.
    public var endpoints: [String: String]
    public var updatedAt: Date

    public init(
        connectorId: String, enabled: Bool = true, config: [String: JSONValue] = [:], encryptedSecrets: [String: String] = [:],
        endpoints: [String: String] = [:], updatedAt: Date
    ) {
        self.connectorId = connectorId
        self.enabled = enabled
        self.config = config
        self.encryptedSecrets = encryptedSecrets
        self.endpoints = endpoints
        self.updatedAt = updatedAt
    }
}

/// A tenant's connection to an outside system.
public struct ConnectionRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case connected
        case needsReauth = "needs_reauth"
        case revoked
        case error
    }

    public var id: String
    public var tenantId: String
    public var connectorId: String
    public var workspaceId: String?
    public var authMethod: AuthMethod.Kind
    public var status: Status
    public var displayName: String?
    /// Non-secret connection settings (site URL, instance URL, host, database).
    public var config: [String: JSONValue]
    /// Who the credentials belong to, as the provider reported it.
    public var account: JSONValue?
    public var createdAt: Date
    public var updatedAt: Date
    public var lastValidatedAt: Date?

    public init(
        id: String, tenantId: String, connectorId: String, workspaceId: String? = nil, authMethod: AuthMethod.Kind,
        status: Status, displayName: String? = nil, config: [String: JSONValue] = [:], account: JSONValue? = nil,
        createdAt: Date, updatedAt: Date, lastValidatedAt: Date? = nil
    ) {
        self.id = id
        self.tenantId = tenantId
        self.connectorId = connectorId
        self.workspaceId = workspaceId
        self.authMethod = authMethod
        self.status = status
        self.displayName = displayName
        self.config = config
        self.account = account
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastValidatedAt = lastValidatedAt
    }
}

/// The encrypted credentials of a connection, plus what may be shown about them.
public struct TokenRecord: Codable, Sendable, Equatable {
    public var connectionId: String
    public var tenantId: String
    /// Fernet token of the credentials document; never leaves the host.
    public var ciphertext: String
    public var type: AuthMethod.Kind
    public var scopes: [String]
    public var expiresAt: Date?
    /// A masked hint such as "…f3a9", safe to show.
    public var hint: String
    /// Incremented on every write, so a refresh can tell whether someone else rotated first.
    public var version: Int
    public var updatedAt: Date

    public init(
        connectionId: String, tenantId: String, ciphertext: String, type: AuthMethod.Kind, scopes: [String] = [],
        expiresAt: Date? = nil, hint: String, version: Int = 1, updatedAt: Date
    ) {
        self.connectionId = connectionId
        self.tenantId = tenantId
        self.ciphertext = ciphertext
        self.type = type
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.hint = hint
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// A sync checkpoint of one stream of one connection.
public struct SyncStateRecord: Codable, Sendable, Equatable {
    public var tenantId: String
    public var connectionId: String
    /// What is being synced, e.g. "items" or "items:PROJ".
    public var stream: String
    public var checkpoint: JSONValue
    public var updatedAt: Date

    public init(tenantId: String, connectionId: String, stream: String, checkpoint: JSONValue, updatedAt: Date) {
        self.tenantId = tenantId
        self.connectionId = connectionId
        self.stream = stream
        self.checkpoint = checkpoint
        self.updatedAt = updatedAt
    }
}

/// One state change: who did what to what, when, for which request. Never holds a secret.
public struct AuditLogRecord: Codable, Sendable, Equatable {
    public var id: String
    /// "*" for host-wide events (plugin loaded, connector settings changed).
    public var tenantId: String
    public var actor: String
    public var action: String
    public var target: String
    public var requestId: String?
    public var details: JSONValue?
    public var at: Date

    public init(
        id: String, tenantId: String, actor: String, action: String, target: String, requestId: String? = nil,
        details: JSONValue? = nil, at: Date
    ) {
        self.id = id
        self.tenantId = tenantId
        self.actor = actor
        self.action = action
        self.target = target
        self.requestId = requestId
        self.details = details
        self.at = at
    }
}

/// Server-side half of an OAuth authorization: single use, expiring.
public struct OAuthSessionRecord: Codable, Sendable, Equatable {
    public var state: String
    public var tenantId: String
    public var connectorId: String
    public var workspaceId: String?
    /// Fernet token of the PKCE code verifier.
    public var encryptedCodeVerifier: String
    public var redirectUri: String
    public var scopes: [String]
    /// SHA-256 (hex) of the client's CSRF double-submit token, when it sent one.
    public var csrfTokenHash: String?
    /// Non-secret connection settings captured at init (e.g. login host).
    public var connectionConfig: [String: JSONValue]
    public var createdAt: Date
    public var expiresAt: Date
    public var consumedAt: Date?

    public init(
        state: String, tenantId: String, connectorId: String, workspaceId: String?, encryptedCodeVerifier: String,
        redirectUri: String, scopes: [String], csrfTokenHash: String?, connectionConfig: [String: JSONValue] = [:],
        createdAt: Date, expiresAt: Date, consumedAt: Date? = nil
    ) {
        self.state = state
        self.tenantId = tenantId
        self.connectorId = connectorId
        self.workspaceId = workspaceId
        self.encryptedCodeVerifier = encryptedCodeVerifier
        self.redirectUri = redirectUri
        self.scopes = scopes
        self.csrfTokenHash = csrfTokenHash
        self.connectionConfig = connectionConfig
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.consumedAt = consumedAt
    }
}

/// A key that authenticates callers of the host API, bound to a tenant.
public struct APIKeyRecord: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        /// May act for its own tenant only.
        case tenant
        /// May act for any tenant.
        case admin
    }

    public var id: String
    public var tenantId: String
    public var role: Role
    public var name: String
    /// SHA-256 (hex) of the key; the key itself is shown once at creation.
    public var keyHash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, tenantId: String, role: Role, name: String, keyHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.tenantId = tenantId
        self.role = role
        self.name = name
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
