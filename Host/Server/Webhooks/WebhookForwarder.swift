import ConnectorModel
import Egress
import Logging
import Store
import TokenEncryption

import struct Foundation.Date

/// Forwards verified, normalized provider events to the tenant's callback URL,
/// signed so the tenant can check they came from this host, retrying with
/// backoff while the callback fails.
///
/// Signature: `X-Connector-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
struct WebhookForwarder: Sendable {
    let egress: EgressClient
    let keyring: FernetKeyring
    let audit: AuditTrail
    let logger: Logger
    /// Waits before each retry; the delivery is given up after the last one.
    let backoff: [Duration]

    struct Delivery: Codable, Sendable {
        var deliveryId: String
        var subscriptionId: String
        var connectionId: String
        var connectorId: String
        var events: [WebhookEvent]
        var deliveredAt: Date
    }

    /// Starts delivering in the background and returns at once.
    func forward(_ events: [WebhookEvent], for webhook: WebhookRecord, requestId: String) {
        let delivery = Delivery(
            deliveryId: Identifiers.make("dlv"), subscriptionId: webhook.id, connectionId: webhook.connectionId, connectorId: webhook.connectorId,
            events: events, deliveredAt: Date())
        Task { await deliver(delivery, to: webhook, requestId: requestId) }
    }

    func deliver(_ delivery: Delivery, to webhook: WebhookRecord, requestId: String) async {
        guard let body = try? WireCoding.encode(delivery), let secret = try? keyring.decrypt(webhook.encryptedSigningSecret) else {
            logger.error("webhook delivery could not be prepared", metadata: ["subscriptionId": .string(webhook.id)])
            return
        }
        let timestamp = String(Int(Date().timeIntervalSince1970))
        let signature = Digests.hmacSHA256(key: secret, data: Array((timestamp + ".").utf8) + body).map { byte in
            (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        let request = EgressRequest(
            method: "POST", url: webhook.callbackUrl,
            headers: [
                EgressHeader(name: "Content-Type", value: "application/json"),
                EgressHeader(name: "X-Connector-Signature", value: "t=\(timestamp),v1=\(signature)"),
                EgressHeader(name: "X-Connector-Delivery", value: delivery.deliveryId),
            ],
            body: body, timeout: .seconds(10), logMetadata: ["subscriptionId": webhook.id, "requestId": requestId])
        var attempt = 0
        while true {
            attempt += 1
            let outcome: String
            do {
                let response = try await egress.send(request)
                if (200..<300).contains(response.status) {
                    logger.info("webhook delivered", metadata: ["subscriptionId": .string(webhook.id), "attempts": .stringConvertible(attempt)])
                    return
                }
                outcome = "HTTP \(response.status)"
                if (400..<500).contains(response.status) && response.status != 408 && response.status != 429 { break }
            } catch {
                outcome = error.message
            }
            guard attempt <= backoff.count else { break }
            logger.info("webhook delivery failed, retrying", metadata: ["subscriptionId": .string(webhook.id), "outcome": .string(outcome)])
            try? await Task.sleep(for: backoff[attempt - 1])
        }
        logger.warning("webhook delivery given up", metadata: ["subscriptionId": .string(webhook.id), "attempts": .stringConvertible(attempt)])
        await audit.record(
            "webhook.delivery_failed", target: webhook.id, tenantId: webhook.tenantId, actor: "host", requestId: requestId,
            details: ["deliveryId": .string(delivery.deliveryId), "attempts": .number(Double(attempt))])
    }
}
