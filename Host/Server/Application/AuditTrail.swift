import ConnectorModel
import Logging
import Store

import struct Foundation.Date

/// Writes one audit record per state change. A failed write is logged, never
/// thrown: the change it describes has already happened.
struct AuditTrail: Sendable {
    let store: any HostStore
    let logger: Logger

    /// Tenant of host-wide events such as plugin loads and connector settings.
    static let hostWide = "*"

    func record(
        _ action: String, target: String, tenantId: String = AuditTrail.hostWide, actor: String, requestId: String?,
        details: JSONValue? = nil
    ) async {
        let entry = AuditLogRecord(
            id: Identifiers.make("aud"), tenantId: tenantId, actor: actor, action: action, target: target, requestId: requestId,
            details: details, at: Date())
        do {
            try await store.appendAudit(entry)
        } catch {
            logger.error(
                "audit record lost", metadata: ["action": .string(action), "target": .string(target), "error": .string(error.description)])
        }
    }
}
