import AtlassianCloud
import ConnectorSDK

// The parts of Jira's REST v3 objects the connector reads (schemas in
// Tests/Fixtures/upstream-specs/jira-platform-v3.connector-subset.json).

/// `User` / `UserDetails`.
struct JiraUser: Decodable, Sendable {
    var accountId: String?
    var displayName: String?
    var emailAddress: String?
    var timeZone: String?

    /// The unified person, when the user is named at all.
    var person: Person? {
        guard let name = displayName ?? accountId else { return nil }
        return Person(id: accountId, displayName: name, email: emailAddress)
    }
}

/// `ServerInformation`.
struct JiraServerInfo: Decodable, Sendable {
    var baseUrl: String?
    var version: String?
    var deploymentType: String?
    var buildNumber: Int?
    var serverTitle: String?
}

/// `PageBeanProject`: offset paging.
struct JiraProjectPage: Decodable, Sendable {
    var values: [Raw<JiraProject>]
    var isLast: Bool?
}

/// `Project`.
struct JiraProject: Decodable, Sendable {
    struct Insight: Decodable, Sendable { var lastIssueUpdateTime: String? }
    var id: String
    var key: String
    var name: String
    var insight: Insight?
}

/// `SearchAndReconcileResults`: token paging; `nextPageToken` is absent on the last page.
struct JiraSearchPage: Decodable, Sendable {
    var issues: [Raw<JiraIssue>]
    var nextPageToken: String?
    var isLast: Bool?
}

/// `IssueBean` with the fields the connector asks for.
struct JiraIssue: Decodable, Sendable {
    struct Named: Decodable, Sendable { var name: String? }
    struct ProjectRef: Decodable, Sendable { var id: String?; var key: String? }
    struct Fields: Decodable, Sendable {
        var summary: String?
        var status: Named?
        var issuetype: Named?
        var creator: JiraUser?
        var reporter: JiraUser?
        var created: String?
        var updated: String?
        var project: ProjectRef?
    }

    var id: String
    var key: String
    var fields: Fields?
}

/// `PageOfComments`: offset paging.
struct JiraCommentPage: Decodable, Sendable {
    var comments: [Raw<JiraComment>]
    var startAt: Int?
    var total: Int?
}

/// `Comment`; `body` is Atlassian Document Format in v3 (a string in older webhook payloads).
struct JiraComment: Decodable, Sendable {
    var id: String
    var author: JiraUser?
    var body: JSONValue?
    var created: String?
    var updated: String?
}
