import Testing

/// The two Atlassian connectors under test, and what differs between them.
enum AtlassianConnector: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case jira
    case confluence

    var id: String { rawValue }

    /// The plugin product's name, `lib<name>Plugin.so`.
    var pluginName: String {
        switch self {
        case .jira: "Jira"
        case .confluence: "Confluence"
        }
    }

    /// The scopes `connect` asks for when the client names none (the manifest's defaults).
    var defaultScopes: [String] {
        switch self {
        case .jira: ["read:jira-work", "read:jira-user", "manage:jira-webhook", "offline_access"]
        case .confluence: ["read:confluence-user", "read:space:confluence", "read:page:confluence", "read:comment:confluence", "offline_access"]
        }
    }

    /// Where the connector asks the site who an API token belongs to.
    var whoAmIPath: String {
        switch self {
        case .jira: "/rest/api/3/myself"
        case .confluence: "/wiki/rest/api/user/current"
        }
    }

    var testDescription: String { rawValue }
}

/// How a test connects the account.
enum AtlassianAuth: String, Sendable, CaseIterable, CustomTestStringConvertible {
    /// OAuth 2.0 (3LO) through the API gateway.
    case oauth
    /// E-mail and API token at the site itself.
    case apiToken

    var testDescription: String { rawValue }
}
