import ConnectorModel
import Egress
import Store
import TokenEncryption

import struct Foundation.Date

/// Makes one attempt to hand a stored delivery to the tenant's callback URL,
/// signed so the tenant can check it came from this host. Retries and their
/// schedule belong to `WebhookDeliveryService`.
///
/// Signature: `X-Connector-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
/// `X-Connector-Delivery` is the same on every attempt, so tenants can drop repeats.
struct WebhookForwarder: Sendable {
    let egress: EgressClient
    let keyring: FernetKeyring

    /// The body the tenant receives.
    struct Payload: Codable, Sendable {
        var deliveryId: String
        var subscriptionId: String
        var connectionId: String
        var connectorId: String
        var events: [WebhookEvent]
        var deliveredAt: Date
    }

    enum Outcome: Sendable, Equatable {
        case delivered
        /// Worth another attempt: a transport failure, 5xx, 408 or 429.
        case failed(String)
        /// The callback refused it (any other 4xx), or it cannot be signed: retrying will not help.
        case rejected(String)
    }

    func attempt(_ delivery: WebhookDeliveryRecord, to webhook: WebhookRecord) async -> Outcome {
        let payload = Payload(
            deliveryId: delivery.id, subscriptionId: webhook.id, connectionId: webhook.connectionId, connectorId: webhook.connectorId,
            events: delivery.events, deliveredAt: delivery.receivedAt)
        guard let body = try? WireCoding.encode(payload), let secret = try? keyring.decrypt(webhook.encryptedSigningSecret) else {
            return .rejected("the delivery could not be signed (no configured key decrypts the subscription's secret)")
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
                EgressHeader(name: "X-Connector-Delivery", value: delivery.id),
            ],
            body: body, timeout: .seconds(10), logMetadata: ["subscriptionId": webhook.id, "requestId": delivery.requestId])
        do {
            let response = try await egress.send(request)
            switch response.status {
            case 200..<300: return .delivered
            case 408, 429, 500...: return .failed("HTTP \(response.status)")
            default: return .rejected("HTTP \(response.status)")
            }
        } catch {
            return .failed(error.message)
        }
    }
}
