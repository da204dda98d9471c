import AtlassianCloud
import ConnectorSDK

/// Jira Cloud REST v3 calls, below the connection's base (gateway or site).
struct JiraAPI: Sendable {
    let client: AtlassianClient

    init(_ context: CallContext) throws {
        client = try AtlassianClient(context, product: .jira)
    }

    init(_ client: AtlassianClient) {
        self.client = client
    }

    /// Where people open things: the site URL, when the connection knows it.
    var siteURL: String? { client.connection.siteURL }

    func myself() async throws -> JiraUser {
        try await client.get("/rest/api/3/myself", what: "the Jira current user")
    }

    /// The user's time zone, which Jira reads JQL dates in. Best effort: an
    /// app without `read:jira-user` still searches, with the widest reading
    /// of the date (see `JQLDateLiteral`) and an exact filter afterwards.
    func userTimeZone() async -> String? {
        try? await myself().timeZone
    }

    func serverInfo() async throws -> JiraServerInfo {
        try await client.get("/rest/api/3/serverInfo", what: "Jira server information")
    }

    func projects(startAt: Int, maxResults: Int, keepingRaw: Bool) async throws -> JiraProjectPage {
        let query = [("startAt", String(startAt)), ("maxResults", String(maxResults)), ("orderBy", "key"), ("expand", "insight")]
        return try await client.get("/rest/api/3/project/search", query: query, what: "Jira projects", keepingRaw: keepingRaw)
    }

    /// One page of `/search/jql` (the enhanced search; the old `/search` is gone upstream).
    func search(jql: String, nextPageToken: String?, maxResults: Int, keepingRaw: Bool) async throws -> JiraSearchPage {
        let body = SearchRequest(jql: jql, nextPageToken: nextPageToken, maxResults: maxResults, fields: SearchRequest.itemFields)
        return try await client.send("POST", "/rest/api/3/search/jql", json: body, what: "Jira issue search")
            .decode(userInfo: [.keepsRawJSON: keepingRaw])
    }

    func comments(issue: IssueReference, startAt: Int, maxResults: Int, keepingRaw: Bool) async throws -> JiraCommentPage {
        let query = [("startAt", String(startAt)), ("maxResults", String(maxResults)), ("orderBy", "created")]
        return try await client.get(
            "/rest/api/3/issue/\(issue.value)/comment", query: query, what: "Jira comments of \(issue.value)", keepingRaw: keepingRaw)
    }
}

/// The body of `POST /rest/api/3/search/jql`; nil members are left out.
struct SearchRequest: Encodable, Sendable {
    /// What items and sync records are built from.
    static let itemFields = ["summary", "status", "issuetype", "creator", "reporter", "created", "updated", "project"]

    var jql: String
    var nextPageToken: String?
    var maxResults: Int
    var fields: [String]
}
