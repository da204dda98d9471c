#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the host persists. Two implementations (SQLite, MongoDB) pass
/// the same contract tests. Every tenant-owned record is read and written with
/// its tenant in the filter, so one tenant can never reach another's data.
public protocol HostStore: Sendable {
    /// A short name for health output: "sqlite" or "mongodb".
    var kind: String { get }

    /// Cheap round trip proving the store answers.
    func ping() async throws(StoreError)

    // MARK: Connector settings (host-wide)

    func connectorSettings(_ connectorId: String) async throws(StoreError) -> ConnectorSettingsRecord?
    func saveConnectorSettings(_ record: ConnectorSettingsRecord) async throws(StoreError)
    /// Every connector's settings, ordered by connector id (key rotation only; one per connector).
    func allConnectorSettings() async throws(StoreError) -> [ConnectorSettingsRecord]

    // MARK: Connections

    /// Fails with `.conflict` when the id exists.
    func insertConnection(_ record: ConnectionRecord) async throws(StoreError)
    func connection(id: String, tenantId: String) async throws(StoreError) -> ConnectionRecord?
    /// Ordered by id; `afterId` is the last id of the previous page.
    func connections(tenantId: String, connectorId: String?, afterId: String?, limit: Int) async throws(StoreError) -> [ConnectionRecord]
    /// Replaces the record with the same id and tenant; returns false when there is none.
    @discardableResult
    func updateConnection(_ record: ConnectionRecord) async throws(StoreError) -> Bool

    // MARK: Tokens

    /// Inserts or replaces the token of a connection.
    func saveToken(_ record: TokenRecord) async throws(StoreError)
    func token(connectionId: String, tenantId: String) async throws(StoreError) -> TokenRecord?
    /// Returns false when there was none.
    @discardableResult
    func deleteToken(connectionId: String, tenantId: String) async throws(StoreError) -> Bool
    /// Every token across tenants, ordered by connection id (key rotation only).
    func allTokens(afterConnectionId: String?, limit: Int) async throws(StoreError) -> [TokenRecord]

    // MARK: Sync states

    func saveSyncState(_ record: SyncStateRecord) async throws(StoreError)
    func syncState(connectionId: String, tenantId: String, stream: String) async throws(StoreError) -> SyncStateRecord?
    func syncStates(connectionId: String, tenantId: String) async throws(StoreError) -> [SyncStateRecord]

    // MARK: Audit log

    func appendAudit(_ record: AuditLogRecord) async throws(StoreError)
    /// Newest first; `beforeId` is the last id of the previous page.
    func auditLogs(tenantId: String, beforeId: String?, limit: Int) async throws(StoreError) -> [AuditLogRecord]

    // MARK: OAuth sessions

    func insertOAuthSession(_ record: OAuthSessionRecord) async throws(StoreError)
    /// The session, consumed or not, whatever its tenant (the caller checks both).
    func oauthSession(state: String) async throws(StoreError) -> OAuthSessionRecord?
    /// Marks the session consumed and returns it, atomically, only if it belongs
    /// to `tenantId` and was not consumed before. Nil otherwise.
    func consumeOAuthSession(state: String, tenantId: String, at: Date) async throws(StoreError) -> OAuthSessionRecord?

    // MARK: Host API keys

    func insertAPIKey(_ record: APIKeyRecord) async throws(StoreError)
    func apiKey(hash: String) async throws(StoreError) -> APIKeyRecord?
}
