import ConnectorModel
import PluginRuntime
import Store
import TokenEncryption

import struct Foundation.Date

/// Subscribing a connection to provider events, receiving them, and keeping
/// expiring registrations alive.
struct WebhookService: Sendable {
    let store: any HostStore & SyncStore
    let keyring: FernetKeyring
    let calls: ConnectorCalls
    let connected: ConnectedCalls
    let connections: ConnectionService
    /// Wakes `WebhookDeliveryService` when a delivery enters the outbox.
    let deliveriesWakeUp: WakeUpSignal
    let inboundBase: String?
    let apiPrefix: String

    struct Created: Encodable, Sendable {
        var subscription: WebhookRecord
        /// Verifies the host's forwarded deliveries; shown once.
        var signingSecret: String
        var inboundUrl: String
    }

    func subscribe(
        _ plugin: LoadedPlugin, connection: ConnectionRecord, callbackUrl: String, events: [String], containerId: String?, requestId: String
    ) async throws(APIError) -> Created {
        try requireWebhooks(plugin)
        try requireWebhookAuthMethod(plugin, connection)
        guard RedirectURI.isAcceptable(callbackUrl) else {
            throw APIError.invalidRequest("callbackUrl must be an absolute http(s) URL.", details: ["field": "callbackUrl"])
        }
        guard let inboundBase else {
            throw APIError(
                .conflict, code: "not_configured", "Set PUBLIC_BASE_URL to the host's public URL so the provider can deliver webhooks to it.")
        }
        let id = Identifiers.make("whk")
        let inboundURL = inboundBase + apiPrefix + "/webhooks/inbound/" + id
        let registered = try await connected.call(
            connection, .subscribeWebhook, input: WebhookSubscribeRequest(callbackUrl: inboundURL, events: events, containerId: containerId),
            requestId: requestId, as: WebhookSubscription.self)
        let secret = Digests.randomToken(bytes: 32)
        let record = WebhookRecord(
            id: id, tenantId: connection.tenantId, connectionId: connection.id, connectorId: plugin.id, callbackUrl: callbackUrl,
            encryptedSigningSecret: keyring.encrypt(Array(secret.utf8)), events: registered.events, containerId: containerId,
            providerIds: registered.providerIds, expiresAt: registered.expiresAt.flatMap(Timestamps.parse), createdAt: Date())
        try await storeCall { () async throws(StoreError) in try await store.insertWebhook(record) }
        return Created(subscription: record, signingSecret: secret, inboundUrl: inboundURL)
    }

    /// Unsubscribes every webhook of `connection` before its credentials go (best effort at the
    /// provider: a registration that cannot be removed there is still forgotten here).
    func unsubscribeAll(of connection: ConnectionRecord, requestId: String) async throws(APIError) {
        let webhooks = try await storeCall { () async throws(StoreError) in
            try await store.webhooks(tenantId: connection.tenantId, connectionId: connection.id)
        }
        for webhook in webhooks {
            _ = try? await connected.call(
                connection, .unsubscribeWebhook, input: WebhookUnsubscribeRequest(providerIds: webhook.providerIds), requestId: requestId,
                as: WebhookSubscription.self)
            try await storeCall { () async throws(StoreError) in try await store.deleteWebhook(id: webhook.id, tenantId: webhook.tenantId) }
        }
    }

    func unsubscribe(_ webhook: WebhookRecord, requestId: String) async throws(APIError) {
        let connection = try await connections.connection(webhook.connectionId, tenantId: webhook.tenantId)
        _ = try await connected.call(
            connection, .unsubscribeWebhook, input: WebhookUnsubscribeRequest(providerIds: webhook.providerIds), requestId: requestId,
            as: WebhookSubscription.self)
        try await storeCall { () async throws(StoreError) in try await store.deleteWebhook(id: webhook.id, tenantId: webhook.tenantId) }
    }

    /// Verifies a delivery through the connector; when it is genuine, stores its
    /// events in the outbox before the provider hears 202, so they survive a restart.
    func receive(_ webhookId: String, delivery: WebhookDelivery, requestId: String) async throws(APIError) -> Int {
        guard let webhook = try await storeCall({ () async throws(StoreError) in try await store.webhook(id: webhookId) }) else {
            throw APIError.notFound("webhook", webhookId)
        }
        let connection = try await connections.connection(webhook.connectionId, tenantId: webhook.tenantId)
        // Verification needs the connector's settings and the connection's, not the user's token:
        // a delivery must not refresh (or fail on) credentials it never uses.
        let verdict = try await calls.call(
            webhook.connectorId, .verifyWebhook, input: delivery, tenantId: webhook.tenantId, requestId: requestId,
            connection: .init(id: connection.id, context: ConnectionContext(config: connection.config)), as: WebhookVerification.self)
        guard verdict.verified else {
            throw APIError(.unauthorized, code: "webhook_unverified", "The delivery's signature does not verify: \(verdict.reason ?? "no reason given").")
        }
        guard !verdict.events.isEmpty else { return 0 }
        let now = Date()
        let outgoing = WebhookDeliveryRecord(
            id: Identifiers.make("dlv"), tenantId: webhook.tenantId, webhookId: webhook.id, requestId: requestId, events: verdict.events,
            receivedAt: now, nextAttemptAt: now)
        try await storeCall { () async throws(StoreError) in try await store.insertWebhookDelivery(outgoing) }
        deliveriesWakeUp.signal()
        return verdict.events.count
    }

    /// Extends registrations that expire within `window`.
    func renewExpiring(within window: Duration, requestId: String) async throws(APIError) -> Int {
        let expiring = try await storeCall { () async throws(StoreError) in
            try await store.webhooksExpiring(before: Date().addingTimeInterval(window.seconds))
        }
        var renewed = 0
        for var webhook in expiring {
            guard (try? calls.plugin(webhook.connectorId).manifest.implements(.renewWebhook)) == true else { continue }
            let connection = try await connections.connection(webhook.connectionId, tenantId: webhook.tenantId)
            let result = try await connected.call(
                connection, .renewWebhook, input: WebhookUnsubscribeRequest(providerIds: webhook.providerIds), requestId: requestId,
                as: WebhookSubscription.self)
            webhook.expiresAt = result.expiresAt.flatMap(Timestamps.parse)
            webhook.updatedAt = Date()
            try await storeCall { () async throws(StoreError) in try await store.updateWebhook(webhook) }
            renewed += 1
        }
        return renewed
    }

    /// 501 with the connector's own explanation and alternative when it cannot do webhooks.
    func requireWebhooks(_ plugin: LoadedPlugin) throws(APIError) {
        guard plugin.manifest.implements(.subscribeWebhook) else {
            let capability = plugin.manifest.capabilities?["webhooks"]
            throw APIError(
                .notImplemented, code: "webhooks_not_supported",
                capability?["reason"]?.stringValue ?? "The \(plugin.id) connector cannot subscribe to provider webhooks.",
                details: ["alternative": capability?["alternative"] ?? "incremental_sync", "connector": .string(plugin.id)])
        }
    }

    /// 409 when the connector offers webhooks only to connections of other auth
    /// methods (its manifest's `capabilities.webhooks.authMethods`): connecting
    /// another way, or the alternative, is what helps; retrying is not.
    private func requireWebhookAuthMethod(_ plugin: LoadedPlugin, _ connection: ConnectionRecord) throws(APIError) {
        let capability = plugin.manifest.capabilities?["webhooks"]
        guard let methods = capability?["authMethods"]?.arrayValue?.compactMap(\.stringValue),
            !methods.contains(connection.authMethod.rawValue)
        else { return }
        throw APIError(
            .conflict, code: "webhooks_not_supported_for_auth_method",
            capability?["reason"]?.stringValue
                ?? "The \(plugin.id) connector offers webhooks only to \(methods.joined(separator: ", ")) connections.",
            details: [
                "alternative": capability?["alternative"] ?? "incremental_sync", "connector": .string(plugin.id),
                "authMethods": .array(methods.map { .string($0) }), "connectionAuthMethod": .string(connection.authMethod.rawValue),
            ])
    }
}
