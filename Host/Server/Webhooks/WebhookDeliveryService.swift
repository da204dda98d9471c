import Logging
import ServiceLifecycle
import Store

import struct Foundation.Date

/// Works through the webhook outbox: claims the delivery due soonest (a lease
/// in the store, so one host at a time attempts it), makes one attempt, then
/// deletes it (delivered, refused, or out of retries, which is audited) or
/// schedules the next attempt after the configured backoff. Deliveries a host
/// left behind, crashed or restarted, are picked up when their lease passes.
struct WebhookDeliveryService: Service {
    let store: any SyncStore
    let forwarder: WebhookForwarder
    let audit: AuditTrail
    let logger: Logger
    /// Waits before each retry; the delivery is given up after the last one.
    let backoff: [Duration]
    let wakeUp: WakeUpSignal
    /// Longer than one attempt (its timeout is 10 s) and its bookkeeping; how
    /// long a delivery waits when the host attempting it died.
    let lease = Duration.seconds(15)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var nextRetry: Date?
            while !Task.isCancelled {
                switch await deliverNext() {
                case .finished?:
                    continue
                case .retry(let at)?:
                    nextRetry = min(nextRetry ?? at, at)
                case nil:
                    // Idle: wake for a new delivery, for the earliest retry this host scheduled, or to poll for abandoned leases.
                    let untilRetry = nextRetry.map { Duration.seconds(max(0, $0.timeIntervalSinceNow)) } ?? .seconds(1)
                    nextRetry = nil
                    await wakeUp.wait(timeout: min(untilRetry, .seconds(1)))
                }
            }
        }
    }

    enum Step: Equatable {
        /// Delivered, dropped or given up (or left to its lease after a store failure).
        case finished
        case retry(at: Date)
    }

    /// Claims and attempts one delivery; nil when none was due.
    func deliverNext() async -> Step? {
        let now = Date()
        let claimed: WebhookDeliveryRecord?
        do {
            claimed = try await store.claimDueWebhookDelivery(now: now, until: now.addingTimeInterval(lease.seconds))
        } catch {
            logger.warning("cannot read the webhook outbox", metadata: ["error": .string(error.description)])
            return nil
        }
        guard var delivery = claimed else { return nil }
        let metadata: Logger.Metadata = ["deliveryId": .string(delivery.id), "subscriptionId": .string(delivery.webhookId), "requestId": .string(delivery.requestId)]
        do {
            guard let webhook = try await store.webhook(id: delivery.webhookId) else {
                logger.info("webhook delivery dropped: the subscription is gone", metadata: metadata)
                try await store.deleteWebhookDelivery(id: delivery.id)
                return .finished
            }
            switch await forwarder.attempt(delivery, to: webhook) {
            case .delivered:
                logger.info("webhook delivered", metadata: metadata.merging(["attempts": .stringConvertible(delivery.attempts)]) { $1 })
                try await store.deleteWebhookDelivery(id: delivery.id)
            case .failed(let reason) where delivery.attempts <= backoff.count:
                delivery.nextAttemptAt = Date().addingTimeInterval(backoff[delivery.attempts - 1].seconds)
                logger.info("webhook delivery failed, retrying", metadata: metadata.merging(["outcome": .string(reason)]) { $1 })
                try await store.saveWebhookDelivery(delivery)
                return .retry(at: delivery.nextAttemptAt)
            case .failed(let reason), .rejected(let reason):
                logger.warning("webhook delivery given up", metadata: metadata.merging(["outcome": .string(reason), "attempts": .stringConvertible(delivery.attempts)]) { $1 })
                await audit.record(
                    "webhook.delivery_failed", target: webhook.id, tenantId: webhook.tenantId, actor: "host", requestId: delivery.requestId,
                    details: ["deliveryId": .string(delivery.id), "attempts": .number(Double(delivery.attempts)), "outcome": .string(reason)])
                try await store.deleteWebhookDelivery(id: delivery.id)
            }
        } catch {
            // The lease runs out and the delivery is attempted again: at least once, never lost.
            logger.warning("webhook outbox update failed; the delivery will be retried", metadata: metadata.merging(["error": .string(error.description)]) { $1 })
        }
        return .finished
    }
}
