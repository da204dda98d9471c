import ConnectorModel
import Hummingbird
import NIOCore
import Store

import Foundation

/// `/api/connectors/{id}/webhooks` (subscribe, list, unsubscribe) and the
/// public `/api/webhooks/inbound/{subscriptionId}` providers deliver to.
struct WebhookRoutes {
    let services: AppServices

    func register(on group: RouterGroup<HostRequestContext>) {
        group.post("connectors/{id}/webhooks", use: subscribe)
        group.get("connectors/{id}/webhooks", use: list)
        group.delete("connectors/{id}/webhooks", use: unsubscribe)
        group.post("webhooks/inbound/{subscriptionId}", use: inbound)
    }

    /// A subscription as clients see it: no secret.
    struct WebhookView: Codable, Sendable {
        var id: String
        var connectionId: String
        var connectorId: String
        var callbackUrl: String
        var events: [String]
        var containerId: String?
        var providerIds: [String]
        var expiresAt: Date?
        var createdAt: Date

        init(_ record: WebhookRecord) {
            id = record.id
            connectionId = record.connectionId
            connectorId = record.connectorId
            callbackUrl = record.callbackUrl
            events = record.events
            containerId = record.containerId
            providerIds = record.providerIds
            expiresAt = record.expiresAt
            createdAt = record.createdAt
        }
    }

    struct SubscribeRequest: Decodable, Sendable {
        var connectionId: String
        var callbackUrl: String
        var events: [String]?
        var containerId: String?
    }

    struct Subscribed: Encodable, Sendable {
        var subscription: WebhookView
        var signingSecret: String
        var inboundUrl: String
    }

    @Sendable func subscribe(_ request: Request, context: HostRequestContext) async throws -> Envelope<Subscribed> {
        let tenantId = try context.requireTenant()
        let plugin = try services.calls.plugin(try context.parameters.require("id"))
        try services.webhooks.requireWebhooks(plugin)
        let body = try await request.decodeJSON(SubscribeRequest.self, context: context)
        let connection = try await services.connections.usableConnection(body.connectionId, of: plugin.id, tenantId: tenantId)
        let created = try await services.webhooks.subscribe(
            plugin, connection: connection, callbackUrl: body.callbackUrl, events: body.events ?? [], containerId: body.containerId,
            requestId: context.requestId)
        await services.audit.record(
            "webhook.subscribed", target: created.subscription.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId,
            details: ["connectionId": .string(connection.id), "events": .array(created.subscription.events.map { .string($0) })])
        return Envelope(
            Subscribed(subscription: WebhookView(created.subscription), signingSecret: created.signingSecret, inboundUrl: created.inboundUrl),
            status: .created)
    }

    @Sendable func list(_ request: Request, context: HostRequestContext) async throws -> Envelope<[WebhookView]> {
        let tenantId = try context.requireTenant()
        guard let connectionId = request.uri.queryParameters["connectionId"].map(String.init) else {
            throw APIError.invalidRequest("connectionId is required.", details: ["field": "connectionId"])
        }
        let connection = try await services.connections.connection(connectionId, of: try context.parameters.require("id"), tenantId: tenantId)
        let records = try await storeCall { () async throws(StoreError) in
            try await services.store.webhooks(tenantId: tenantId, connectionId: connection.id)
        }
        return Envelope(records.map(WebhookView.init))
    }

    @Sendable func unsubscribe(_ request: Request, context: HostRequestContext) async throws -> Envelope<WebhookView> {
        let tenantId = try context.requireTenant()
        guard let subscriptionId = request.uri.queryParameters["subscriptionId"].map(String.init) else {
            throw APIError.invalidRequest("subscriptionId is required.", details: ["field": "subscriptionId"])
        }
        guard let webhook = try await storeCall({ () async throws(StoreError) in try await services.store.webhook(id: subscriptionId) }),
            webhook.tenantId == tenantId, webhook.connectorId == (try context.parameters.require("id"))
        else { throw APIError.notFound("webhook", subscriptionId) }
        try await services.webhooks.unsubscribe(webhook, requestId: context.requestId)
        await services.audit.record("webhook.unsubscribed", target: webhook.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId)
        return Envelope(WebhookView(webhook))
    }

    struct Accepted: Encodable, Sendable {
        var accepted: Int
    }

    /// Public: the provider calls it; the connector verifies the delivery's signature.
    @Sendable func inbound(_ request: Request, context: HostRequestContext) async throws -> Envelope<Accepted> {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let delivery = WebhookDelivery(headers: headers, bodyBase64: Data(buffer: body).base64EncodedString())
        let count = try await services.webhooks.receive(
            try context.parameters.require("subscriptionId"), delivery: delivery, requestId: context.requestId)
        return Envelope(Accepted(accepted: count), status: .accepted)
    }
}
