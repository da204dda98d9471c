import ConnectorModel
import Store

import struct Foundation.Date

/// Connections of a tenant: every lookup is by id *and* tenant, so another
/// tenant's id is simply not found.
struct ConnectionService: Sendable {
    let store: any HostStore
    let vault: TokenVault
    let audit: AuditTrail

    func connection(_ id: String, tenantId: String) async throws(APIError) -> ConnectionRecord {
        let record: ConnectionRecord?
        do {
            record = try await store.connection(id: id, tenantId: tenantId)
        } catch {
            throw APIError(error)
        }
        guard let record else { throw APIError.notFound("connection", id) }
        return record
    }

    /// A connection of `connectorId`: 404 when it belongs to another connector, so ids cannot be probed across connectors.
    func connection(_ id: String, of connectorId: String, tenantId: String) async throws(APIError) -> ConnectionRecord {
        let record = try await connection(id, tenantId: tenantId)
        guard record.connectorId == connectorId else { throw APIError.notFound("connection", id) }
        return record
    }

    /// A connection of `connectorId` that can still be used: 409 once revoked.
    func usableConnection(_ id: String, of connectorId: String, tenantId: String) async throws(APIError) -> ConnectionRecord {
        let record = try await connection(id, of: connectorId, tenantId: tenantId)
        guard record.status != .revoked else { throw Self.revoked }
        return record
    }

    static let revoked = APIError(.conflict, code: "connection_revoked", "The connection was revoked; connect again.")

    /// Creates a connection with its credentials (stored encrypted) and audits both.
    func create(
        tenantId: String, connectorId: String, workspaceId: String?, authMethod: AuthMethod.Kind, grant: ConnectionGrant,
        actor: String, requestId: String
    ) async throws(APIError) -> ConnectionRecord {
        let now = Date()
        let record = ConnectionRecord(
            id: Identifiers.make("conn"), tenantId: tenantId, connectorId: connectorId, workspaceId: workspaceId, authMethod: authMethod,
            status: .connected, displayName: grant.displayName, config: grant.connectionConfig, account: grant.account, createdAt: now,
            updatedAt: now, lastValidatedAt: now)
        do {
            try await store.insertConnection(record)
        } catch {
            throw APIError(error)
        }
        try await vault.save(grant.credentials, connectionId: record.id, tenantId: tenantId)
        await audit.record(
            "connection.connected", target: record.id, tenantId: tenantId, actor: actor, requestId: requestId,
            details: ["connector": .string(connectorId), "authMethod": .string(authMethod.rawValue)])
        await audit.record(
            "token.stored", target: record.id, tenantId: tenantId, actor: actor, requestId: requestId,
            details: ["type": .string(grant.credentials.type.rawValue)])
        return record
    }

    /// The provider no longer accepts the connection's credentials and no
    /// refresh can cure it: marks the connection `needs_reauth`, audits it, and
    /// returns the 409 to answer with, so the client knows to connect again
    /// rather than retry.
    func needsReauth(_ connection: ConnectionRecord, because reason: String, requestId: String) async throws(APIError) -> APIError {
        var updated = connection
        updated.status = .needsReauth
        try await update(updated)
        await audit.record("connection.needs_reauth", target: connection.id, tenantId: connection.tenantId, actor: "host", requestId: requestId)
        return APIError(
            .conflict, code: "needs_reauth", "\(reason) The connection must be authorized again.",
            details: ["connectionId": .string(connection.id)])
    }

    func update(_ record: ConnectionRecord) async throws(APIError) {
        var record = record
        record.updatedAt = Date()
        do {
            try await store.updateConnection(record)
        } catch {
            throw APIError(error)
        }
    }

    func view(_ record: ConnectionRecord) async throws(APIError) -> ConnectionView {
        ConnectionView(record, token: try await vault.existing(connectionId: record.id, tenantId: record.tenantId))
    }
}
