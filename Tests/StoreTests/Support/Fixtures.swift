import ConnectorModel
import Foundation
import Store

/// Records with every field set, including JSON that stresses the document
/// mapping: nested objects, arrays, null, fractions, large integers, and member
/// names with ".", "$", "%" and "/" in them, and an empty one.
enum Fixture {
    /// A fixed instant in whole milliseconds, the precision both stores keep.
    static let instant = Date(timeIntervalSince1970: 1_700_000_000.123)

    /// Now, cut to whole milliseconds so records compare equal after a round trip.
    static func now() -> Date {
        Date(timeIntervalSince1970: Double(StoreCoding.milliseconds(Date())) / 1000)
    }

    static let awkwardJSON: JSONValue = [
        "siteUrl": "https://example.atlassian.net/",
        "nested": ["ratio": 0.25, "count": 42, "big": 9_007_199_254_740_991, "negative": -3, "none": nil],
        "list": [true, false, "text", 1.5, ["inner": "value"]],
        "dotted.key": "dot",
        "$dollar": "dollar",
        "100%": "percent",
        "a/b": "slash",
        "unicode ✓": "naïve — ünïcödé",
        "empty": [:],
        "emptyList": [],
        "emptyString": "",
        "": "empty name",
    ]

    static func connection(
        _ id: String, tenant: String = "tenant-a", connector: String = "jira", status: ConnectionRecord.Status = .connected
    ) -> ConnectionRecord {
        ConnectionRecord(
            id: id, tenantId: tenant, connectorId: connector, workspaceId: "workspace-1", authMethod: .oauth2, status: status,
            displayName: "Connection \(id)", config: ["site": awkwardJSON], account: ["accountId": .string("557058:\(id)"), "emails": ["a@example.com"]],
            createdAt: instant, updatedAt: instant.addingTimeInterval(1), lastValidatedAt: instant.addingTimeInterval(2))
    }

    static func token(_ connectionId: String, tenant: String = "tenant-a", version: Int = 1) -> TokenRecord {
        TokenRecord(
            connectionId: connectionId, tenantId: tenant, ciphertext: "gAAAAAB-\(connectionId)-v\(version)", type: .oauth2,
            scopes: ["read:jira-work", "offline_access"], expiresAt: instant.addingTimeInterval(3600), hint: "…f3a9",
            version: version, updatedAt: instant)
    }

    static func syncState(_ stream: String, connection: String = "conn-1", tenant: String = "tenant-a", cursor: Int = 1) -> SyncStateRecord {
        SyncStateRecord(
            tenantId: tenant, connectionId: connection, stream: stream,
            checkpoint: ["cursor": .number(Double(cursor)), "per.project": ["PROJ.1": "2024-01-01T00:00:00Z"], "$meta": awkwardJSON],
            updatedAt: instant)
    }

    static func audit(_ id: String, tenant: String = "tenant-a") -> AuditLogRecord {
        AuditLogRecord(
            id: id, tenantId: tenant, actor: "key:admin", action: "connection.created", target: "connection/\(id)",
            requestId: "req-\(id)", details: ["connectorId": "jira", "extra": awkwardJSON], at: instant)
    }

    static func oauthSession(
        _ state: String, tenant: String = "tenant-a", createdAt: Date = now(), lifetime: TimeInterval = 600
    ) -> OAuthSessionRecord {
        OAuthSessionRecord(
            state: state, tenantId: tenant, connectorId: "jira", workspaceId: "workspace-1", encryptedCodeVerifier: "gAAAAAB-verifier",
            redirectUri: "https://app.example.com/callback", scopes: ["read:jira-work"], csrfTokenHash: String(repeating: "ab", count: 32),
            connectionConfig: ["loginHost": "login.example.com", "odd.key": awkwardJSON], createdAt: createdAt,
            expiresAt: createdAt.addingTimeInterval(lifetime))
    }

    static func apiKey(_ id: String, hash: String, tenant: String = "tenant-a", role: APIKeyRecord.Role = .tenant) -> APIKeyRecord {
        APIKeyRecord(id: id, tenantId: tenant, role: role, name: "key \(id)", keyHash: hash, createdAt: instant)
    }

    static func settings(_ connectorId: String, enabled: Bool = true) -> ConnectorSettingsRecord {
        ConnectorSettingsRecord(
            connectorId: connectorId, enabled: enabled, config: ["defaults": awkwardJSON], encryptedSecrets: ["clientSecret": "gAAAAAB-secret"],
            endpoints: ["api": "https://api.example.com"], updatedAt: instant)
    }
}
