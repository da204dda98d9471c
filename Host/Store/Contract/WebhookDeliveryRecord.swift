import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A verified provider delivery on its way to the tenant's callback (the
/// outbox). Stored before the provider is told 202, removed once the tenant
/// accepted it or it was given up, so a restart loses nothing.
public struct WebhookDeliveryRecord: Codable, Sendable, Equatable {
    public var id: String
    public var tenantId: String
    public var webhookId: String
    /// The inbound request's id, for the logs of every attempt.
    public var requestId: String
    public var events: [WebhookEvent]
    public var receivedAt: Date
    /// Attempts started so far, counted when a host claims the delivery.
    public var attempts: Int
    /// When the next attempt is due. Claiming a delivery moves it to the end of
    /// the claimer's lease, so no other host attempts it meanwhile, and any
    /// host does once the lease passed (a host that died mid-attempt).
    public var nextAttemptAt: Date

    public init(
        id: String, tenantId: String, webhookId: String, requestId: String, events: [WebhookEvent], receivedAt: Date, attempts: Int = 0,
        nextAttemptAt: Date
    ) {
        self.id = id
        self.tenantId = tenantId
        self.webhookId = webhookId
        self.requestId = requestId
        self.events = events
        self.receivedAt = receivedAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
    }
}
