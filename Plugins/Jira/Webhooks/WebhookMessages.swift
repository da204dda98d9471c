/// Dynamic webhook bodies of `/rest/api/3/webhook` (OAuth 2.0 and Connect apps only).
struct WebhookRegistration: Encodable, Sendable {
    struct Details: Encodable, Sendable {
        var events: [String]
        var jqlFilter: String
    }

    var url: String
    var webhooks: [Details]
}

/// `ContainerForRegisteredWebhooks`: one result per requested webhook, an id or errors.
struct WebhookRegistrationResults: Decodable, Sendable {
    struct Result: Decodable, Sendable {
        var createdWebhookId: Int64?
        var errors: [String]?
    }

    var webhookRegistrationResult: [Result]
}

/// `PageBeanWebhook`; `expirationDate` is epoch milliseconds.
struct WebhookList: Decodable, Sendable {
    struct Webhook: Decodable, Sendable {
        var id: Int64
        var expirationDate: Int64?
    }

    var values: [Webhook]
    var isLast: Bool?
}

/// `ContainerForWebhookIDs`.
struct WebhookIds: Encodable, Sendable {
    var webhookIds: [Int64]
}
