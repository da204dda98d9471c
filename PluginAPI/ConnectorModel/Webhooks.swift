/// Arguments of `webhooks.subscribe`.
public struct WebhookSubscribeRequest: Codable, Sendable, Equatable {
    /// The host's inbound URL the provider must call.
    public var callbackUrl: String
    /// Provider event names; empty means the connector's defaults.
    public var events: [String]
    /// Restricts the subscription to one container, when given.
    public var containerId: String?

    public init(callbackUrl: String, events: [String] = [], containerId: String? = nil) {
        self.callbackUrl = callbackUrl
        self.events = events
        self.containerId = containerId
    }
}

/// What the provider registered.
public struct WebhookSubscription: Codable, Sendable, Equatable {
    /// The provider's id(s) of the registration, needed to unsubscribe.
    public var providerIds: [String]
    public var events: [String]
    /// RFC 3339, when the provider expires registrations (Jira: 30 days).
    public var expiresAt: String?

    public init(providerIds: [String], events: [String], expiresAt: String? = nil) {
        self.providerIds = providerIds
        self.events = events
        self.expiresAt = expiresAt
    }
}

/// Arguments of `webhooks.unsubscribe` (and of a refresh before expiry).
public struct WebhookUnsubscribeRequest: Codable, Sendable, Equatable {
    public var providerIds: [String]

    public init(providerIds: [String]) {
        self.providerIds = providerIds
    }
}

/// Arguments of `webhooks.verify`: one inbound delivery, exactly as received.
public struct WebhookDelivery: Codable, Sendable, Equatable {
    /// Header names in lower case.
    public var headers: [String: String]
    /// The raw body, base64-encoded so signatures can be checked over the exact bytes.
    public var bodyBase64: String

    public init(headers: [String: String], bodyBase64: String) {
        self.headers = headers
        self.bodyBase64 = bodyBase64
    }
}

/// The connector's verdict on a delivery and its normalized events.
public struct WebhookVerification: Codable, Sendable, Equatable {
    public var verified: Bool
    /// Why verification failed, when it did.
    public var reason: String?
    public var events: [WebhookEvent]

    public init(verified: Bool, reason: String? = nil, events: [WebhookEvent] = []) {
        self.verified = verified
        self.reason = reason
        self.events = events
    }
}

/// One provider event, normalized.
public struct WebhookEvent: Codable, Sendable, Equatable {
    /// e.g. "item.created", "item.updated", "item.deleted", "comment.created".
    public var type: String
    /// The provider's own event name, e.g. "jira:issue_updated".
    public var providerType: String
    public var occurredAt: String?
    public var item: Item?
    public var comment: Comment?

    public init(type: String, providerType: String, occurredAt: String? = nil, item: Item? = nil, comment: Comment? = nil) {
        self.type = type
        self.providerType = providerType
        self.occurredAt = occurredAt
        self.item = item
        self.comment = comment
    }
}
