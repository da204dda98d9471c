import ConnectorModel
import Hummingbird
import Store
import HostLogging
import TokenEncryption

import struct Foundation.Date

/// `/api/keys` (admin: create tenant keys) and `/api/audit-logs` (a tenant's history).
struct AccessRoutes {
    let services: AppServices

    func register(on group: RouterGroup<HostRequestContext>) {
        group.post("keys", use: createKey)
        group.get("audit-logs", use: auditLogs)
    }

    struct CreateKeyRequest: Decodable, Sendable {
        var tenantId: String
        var name: String
        var role: APIKeyRecord.Role?
    }

    struct CreatedKey: Encodable, Sendable {
        var id: String
        var tenantId: String
        var role: APIKeyRecord.Role
        var name: String
        /// Shown once; only its SHA-256 is stored.
        var key: String
        var createdAt: Date
    }

    @Sendable func createKey(_ request: Request, context: HostRequestContext) async throws -> Envelope<CreatedKey> {
        try context.requireAdmin()
        let body = try await request.decodeJSON(CreateKeyRequest.self, context: context)
        guard TenantMiddleware.isValid(body.tenantId) else {
            throw APIError.invalidRequest("tenantId must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.", details: ["field": "tenantId"])
        }
        let key = "uch_" + Digests.randomToken(bytes: 32)
        SecretRedaction.register(key)
        let record = APIKeyRecord(
            id: Identifiers.make("key"), tenantId: body.tenantId, role: body.role ?? .tenant, name: body.name, keyHash: Digests.sha256Hex(key),
            createdAt: Date())
        do {
            try await services.store.insertAPIKey(record)
        } catch {
            throw APIError(error)
        }
        await services.audit.record(
            "api_key.created", target: record.id, tenantId: body.tenantId, actor: context.actor, requestId: context.requestId,
            details: ["role": .string(record.role.rawValue), "name": .string(body.name)])
        return Envelope(
            CreatedKey(id: record.id, tenantId: record.tenantId, role: record.role, name: record.name, key: key, createdAt: record.createdAt),
            status: .created)
    }

    @Sendable func auditLogs(_ request: Request, context: HostRequestContext) async throws -> Envelope<Page<AuditLogRecord>> {
        let tenantId = try context.requireTenant()
        let paging = try Paging(request.uri.queryParameters, defaultLimit: 50)
        let records: [AuditLogRecord]
        do {
            records = try await services.store.auditLogs(tenantId: tenantId, beforeId: paging.after, limit: paging.limit + 1)
        } catch {
            throw APIError(error)
        }
        return Envelope(
            Page(items: Array(records.prefix(paging.limit)), nextCursor: records.count > paging.limit ? records[paging.limit - 1].id : nil))
    }
}
