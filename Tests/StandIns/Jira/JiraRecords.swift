import ConnectorModel

/// A project of the Jira stand-in.
public struct JiraProjectRecord: Sendable {
    public var id: Int
    public var key: String
    public var name: String
    public var typeKey: String
}

/// An issue; times are epoch milliseconds.
public struct JiraIssueRecord: Sendable {
    public var id: Int
    public var projectKey: String
    public var number: Int
    public var summary: String
    public var status: String
    public var type: String
    public var creatorId: String
    public var created: Int64
    public var updated: Int64

    public var key: String { "\(projectKey)-\(number)" }
}

/// A comment with an Atlassian Document Format body.
public struct JiraCommentRecord: Sendable {
    public var id: Int
    public var issueId: Int
    public var authorId: String
    public var body: JSONValue
    public var created: Int64
    public var updated: Int64
}

/// A person the stand-in can name.
public struct JiraUserRecord: Sendable {
    public var accountId: String
    public var displayName: String
    public var email: String?
    public var timeZone: String
}

/// A dynamic webhook registered by the OAuth app.
public struct JiraWebhookRecord: Sendable {
    public var id: Int64
    public var url: String
    public var events: [String]
    public var jqlFilter: String
    public var expirationDate: Int64
}

/// Everything the Jira stand-in holds.
struct JiraState {
    var projects: [JiraProjectRecord] = []
    var issues: [JiraIssueRecord] = []
    var comments: [JiraCommentRecord] = []
    var users: [String: JiraUserRecord] = [:]
    var webhooks: [JiraWebhookRecord] = []
    var nextWebhookId: Int64 = 1000
    var nextIssueId = 10001
    var nextCommentId = 20001
    /// `nextPageToken` → the JQL it belongs to and where the next page starts.
    var pageTokens: [String: (jql: String, offset: Int)] = [:]

    func issue(_ idOrKey: String) -> JiraIssueRecord? {
        issues.first { String($0.id) == idOrKey || $0.key.caseInsensitiveCompare(idOrKey) == .orderedSame }
    }

    func project(_ idOrKey: String) -> JiraProjectRecord? {
        projects.first { String($0.id) == idOrKey || $0.key.caseInsensitiveCompare(idOrKey) == .orderedSame }
    }
}
