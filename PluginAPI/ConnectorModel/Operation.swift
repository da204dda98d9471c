/// An operation name (`ucp_type_call.operation`). Open-ended: a newer plugin
/// may name operations this host does not know.
public struct Operation: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Answer at once with the request bytes unchanged (liveness, benchmarks).
    public static let ping: Operation = "ping"
    public static let validate: Operation = "validate"
    public static let probe: Operation = "probe"
    public static let listContainers: Operation = "containers.list"
    public static let listItems: Operation = "items.list"
    public static let listComments: Operation = "comments.list"
    public static let subscribeWebhook: Operation = "webhooks.subscribe"
    public static let unsubscribeWebhook: Operation = "webhooks.unsubscribe"
    public static let verifyWebhook: Operation = "webhooks.verify"
    public static let renewWebhook: Operation = "webhooks.renew"
    public static let syncPage: Operation = "sync.page"
    public static let exchangeOAuthCode: Operation = "oauth.exchange"
    public static let refreshOAuthToken: Operation = "oauth.refresh"
    public static let revoke: Operation = "revoke"
}
