import ConnectorModel
import Foundation
import Store

/// Sync jobs, synced records and webhook subscriptions for the contract tests.
extension Fixture {
    static func job(
        _ id: String, tenant: String = "tenant-a", connection: String = "conn-1", stream: String = "items", createdAt: Date = instant
    ) -> SyncJobRecord {
        SyncJobRecord(
            id: id, tenantId: tenant, connectionId: connection, connectorId: "jira", mode: .incremental, stream: stream,
            containerId: "PROJ", requestId: "req-\(id)", createdAt: createdAt)
    }

    static func syncedRecord(_ id: String, kind: String = "item", tenant: String = "tenant-a", connection: String = "conn-1", title: String = "v1")
        -> SyncedRecord
    {
        SyncedRecord(
            tenantId: tenant, connectionId: connection, kind: kind, id: id, updatedAt: "2024-05-01T10:00:00.000Z",
            data: ["title": .string(title), "fields": awkwardJSON], syncedAt: instant)
    }

    static func webhook(_ id: String, tenant: String = "tenant-a", connection: String = "conn-1", expiresAt: Date? = nil) -> WebhookRecord {
        WebhookRecord(
            id: id, tenantId: tenant, connectionId: connection, connectorId: "jira", callbackUrl: "https://app.example.com/hooks/\(id)",
            encryptedSigningSecret: "gAAAAAB-signing", events: ["item.updated", "item.deleted"], containerId: nil, providerIds: ["10001"],
            expiresAt: expiresAt, createdAt: instant)
    }

    static func delivery(_ id: String, due: Date = instant, attempts: Int = 0) -> WebhookDeliveryRecord {
        WebhookDeliveryRecord(
            id: id, tenantId: "tenant-a", webhookId: "wh-1", requestId: "req-\(id)",
            events: [WebhookEvent(type: "item.updated", providerType: "jira:issue_updated", occurredAt: "2024-05-01T10:00:00.000Z")],
            receivedAt: instant, attempts: attempts, nextAttemptAt: due)
    }
}
