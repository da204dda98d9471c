import AtlassianCloud
import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JiraConnector: WebhookConnector {
    /// The events registered when the client names none.
    static let defaultWebhookEvents = [
        "jira:issue_created", "jira:issue_updated", "jira:issue_deleted", "comment_created", "comment_updated", "comment_deleted",
    ]

    /// Registers a dynamic webhook (30-day life) and reads back its expiry.
    public func subscribe(_ request: WebhookSubscribeRequest, _ context: CallContext) async throws -> WebhookSubscription {
        let api = try Self.webhookAPI(context)
        let events = request.events.isEmpty ? Self.defaultWebhookEvents : request.events
        if let unknown = events.first(where: { !JiraWebhookEvents.registrable.contains($0) }) {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Jira has no webhook event \"\(unknown)\".")
        }
        let project = try request.containerId.map { try ProjectKey($0) }
        let registration = WebhookRegistration(
            url: request.callbackUrl, webhooks: [.init(events: events, jqlFilter: JQLQuery.webhookFilter(project: project))])
        let results: WebhookRegistrationResults = try await api.client.send("POST", "/rest/api/3/webhook", json: registration, what: "Jira webhook registration")
            .decode()
        let created = results.webhookRegistrationResult.compactMap(\.createdWebhookId)
        let errors = results.webhookRegistrationResult.flatMap { $0.errors ?? [] }
        guard !created.isEmpty, errors.isEmpty else {
            // Jira answers 200 with the reasons inside; they describe the filter, never a secret.
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "Jira refused the webhook: \(errors.joined(separator: "; "))",
                details: ["providerErrors": .array(errors.map { .string($0) })])
        }
        // The webhooks exist now: a failed expiry lookup must not hide their ids from the caller.
        var expiry: Int64?
        do {
            expiry = try await Self.expiry(of: Set(created), api)
        } catch {
            context.log.warning("Registered Jira webhooks but could not read their expiry", ["error": .string((error as? ErrorDocument)?.code ?? "unknown")])
        }
        context.log.info("Registered Jira webhooks", ["ids": .array(created.map { .string(String($0)) })])
        return WebhookSubscription(
            providerIds: created.map { String($0) }, events: events,
            expiresAt: expiry.map { AtlassianTimestamp(epochMilliseconds: $0).rfc3339 })
    }

    /// Deletes the webhooks by id (Jira ignores ids that are not this app's).
    public func unsubscribe(_ request: WebhookUnsubscribeRequest, _ context: CallContext) async throws -> WebhookSubscription {
        let api = try Self.webhookAPI(context)
        let ids = try Self.numericIds(request.providerIds)
        try await api.client.send("DELETE", "/rest/api/3/webhook", json: WebhookIds(webhookIds: ids), what: "Jira webhook deletion")
        return WebhookSubscription(providerIds: request.providerIds, events: [])
    }

    private static func numericIds(_ providerIds: [String]) throws -> [Int64] {
        let ids = try providerIds.map { text in
            guard let id = Int64(text) else { throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Jira webhook ids are numbers.") }
            return id
        }
        guard !ids.isEmpty else { throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Name the webhook ids.") }
        return ids
    }

    /// Checks the JWT Jira signs deliveries with (HS256, the app's client
    /// secret) and normalizes the event.
    public func verify(_ delivery: WebhookDelivery, _ context: CallContext) async throws -> WebhookVerification {
        guard let secret = context.setting("clientSecret") else {
            throw ErrorDocument(code: ErrorDocument.Code.notConfigured, message: "Verifying Jira webhooks needs the clientSecret setting.")
        }
        guard let header = delivery.headers["authorization"], header.lowercased().hasPrefix("bearer ") else {
            return WebhookVerification(verified: false, reason: "The delivery carries no bearer token.")
        }
        do {
            _ = try HS256Token.verify(String(header.dropFirst("bearer ".count)), secret: secret, now: context.now)
        } catch {
            return WebhookVerification(verified: false, reason: "The delivery's token was refused: \(error.description).")
        }
        guard let body = Data(base64Encoded: delivery.bodyBase64) else {
            return WebhookVerification(verified: false, reason: "The delivery body is not base64.")
        }
        let events = try JiraWebhookEvents.normalize(Array(body), siteURL: try? context.connectionSetting("siteUrl").map { try SiteURL.normalize($0) })
        return WebhookVerification(verified: true, events: events)
    }

    /// The API of an OAuth connection; API-token connections cannot register webhooks.
    private static func webhookAPI(_ context: CallContext) throws -> JiraAPI {
        let api = try JiraAPI(context)
        guard api.client.connection.method == .oauth else {
            throw ErrorDocument(
                code: "webhooks_require_oauth",
                message: "Jira registers webhooks only for OAuth 2.0 apps. Connect with OAuth, or keep this API-token connection and use incremental sync.",
                details: ["alternative": "incremental_sync"])
        }
        return api
    }

    /// The latest expiry among `ids`, from the app's webhook list.
    private static func expiry(of ids: Set<Int64>, _ api: JiraAPI) async throws -> Int64? {
        var startAt = 0
        var latest: Int64?
        while true {
            let page: WebhookList = try await api.client.get(
                "/rest/api/3/webhook", query: [("startAt", String(startAt)), ("maxResults", "100")], what: "Jira webhooks")
            for webhook in page.values where ids.contains(webhook.id) {
                if let date = webhook.expirationDate { latest = max(latest ?? date, date) }
            }
            guard page.isLast == false, !page.values.isEmpty else { return latest }
            startAt += page.values.count
        }
    }
}

/// Jira expires dynamic webhooks after 30 days; the host renews them before that.
extension JiraConnector: RenewableWebhookConnector {
    /// Extends the webhooks by id (`PUT /rest/api/3/webhook/refresh`).
    public func renew(_ request: WebhookUnsubscribeRequest, _ context: CallContext) async throws -> WebhookSubscription {
        let api = try Self.webhookAPI(context)
        let ids = try Self.numericIds(request.providerIds)
        let renewed: WebhookExpiry = try await api.client.send(
            "PUT", "/rest/api/3/webhook/refresh", json: WebhookIds(webhookIds: ids), what: "Jira webhook refresh"
        ).decode()
        return WebhookSubscription(
            providerIds: request.providerIds, events: [],
            expiresAt: renewed.expirationDate.map { AtlassianTimestamp(epochMilliseconds: $0).rfc3339 })
    }
}

/// The answer of `PUT /rest/api/3/webhook/refresh`.
struct WebhookExpiry: Decodable {
    var expirationDate: Int64?
}

