import ConnectorSDK

/// The Atlassian Cloud product a connector talks to. It decides the OAuth
/// gateway path (`{api}/ex/jira/{cloudId}`) and which accessible resource
/// (site) an OAuth grant is for.
public enum AtlassianProduct: String, Sendable {
    case jira
    case confluence

    /// "Jira" or "Confluence", for messages.
    public var displayName: String {
        switch self {
        case .jira: "Jira"
        case .confluence: "Confluence"
        }
    }

    /// The API gateway base for a cloud id, as an endpoint template.
    func gatewayBase(cloudId: String) -> String {
        "{api}/ex/\(rawValue)/\(cloudId)"
    }

    /// Whether a granted scope belongs to this product: classic scopes carry
    /// the product as `read:jira-work`, granular ones as `read:page:confluence`.
    func owns(scope: String) -> Bool {
        scope.split(separator: ":").contains { $0 == rawValue || $0.hasPrefix(rawValue + "-") }
    }
}
