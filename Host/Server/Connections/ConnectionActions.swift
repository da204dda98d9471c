import ConnectorModel
import Store

import struct Foundation.Date

/// Validate and revoke, shared by `/api/connectors/{id}/...` and `/api/connections/...`.
struct ConnectionActions: Sendable {
    let connections: ConnectionService
    let connected: ConnectedCalls
    let calls: ConnectorCalls
    let vault: TokenVault
    let audit: AuditTrail
    let webhooks: WebhookService

    struct Revocation: Encodable, Sendable {
        var connectionId: String
        var status: ConnectionRecord.Status
        var revokedAtProvider: Bool
        var message: String
    }

    /// Asks the provider whether the stored credentials still work; records the outcome.
    func validate(_ connection: ConnectionRecord, actor: String, requestId: String) async throws(APIError) -> ValidationResult {
        guard connection.status != .revoked else { throw ConnectionService.revoked }
        let result = try await connected.call(connection, .validate, input: NoInput(), requestId: requestId, as: ValidationResult.self)
        var updated = connection
        updated.lastValidatedAt = Date()
        updated.status = result.valid ? .connected : .needsReauth
        if let account = result.account { updated.account = account }
        try await connections.update(updated)
        await audit.record(
            "connection.validated", target: connection.id, tenantId: connection.tenantId, actor: actor, requestId: requestId,
            details: ["valid": .bool(result.valid)])
        return result
    }

    /// Revokes at the provider when the connector can, then deletes the local secrets; the record stays, `revoked`.
    func revoke(_ connection: ConnectionRecord, actor: String, requestId: String) async throws(APIError) -> Revocation {
        // Webhooks first: removing them at the provider needs the credentials about to be revoked.
        try await webhooks.unsubscribeAll(of: connection, requestId: requestId)
        var atProvider = RevocationResult(revokedAtProvider: false, message: "The connector offers no revocation; local credentials were deleted.")
        if connection.status != .revoked, try calls.plugin(connection.connectorId).manifest.implements(.revoke),
            let credentials = try await vault.credentials(connectionId: connection.id, tenantId: connection.tenantId)?.0
        {
            atProvider = try await calls.call(
                connection.connectorId, .revoke, input: NoInput(), tenantId: connection.tenantId, requestId: requestId,
                connection: .init(id: connection.id, context: ConnectionContext(config: connection.config, credentials: credentials)),
                as: RevocationResult.self)
        }
        do {
            try await connections.store.deleteToken(connectionId: connection.id, tenantId: connection.tenantId)
        } catch {
            throw APIError(error)
        }
        var updated = connection
        updated.status = .revoked
        try await connections.update(updated)
        await audit.record(
            "connection.revoked", target: connection.id, tenantId: connection.tenantId, actor: actor, requestId: requestId,
            details: ["revokedAtProvider": .bool(atProvider.revokedAtProvider)])
        return Revocation(connectionId: connection.id, status: .revoked, revokedAtProvider: atProvider.revokedAtProvider, message: atProvider.message)
    }
}
