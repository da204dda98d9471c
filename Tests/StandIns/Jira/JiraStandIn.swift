import ConnectorModel
import Hummingbird
import Synchronization

/// Jira Cloud REST v3 for tests: the gateway form
/// `/ex/jira/{cloudId}/rest/api/3/...` with bearer tokens the identity
/// issued, and the site form `/rest/api/3/...` with basic e-mail:API token.
public final class JiraStandIn: Sendable {
    public let identity: AtlassianIdentity
    /// Queue failures for the next requests (429, 500, garbage, slow).
    public let faults = StandInFaults()
    /// The site URL Jira writes into `self` links.
    public let siteURL: String
    let state = Mutex(JiraState())

    public init(identity: AtlassianIdentity, siteURL: String = "https://acme.atlassian.net") {
        self.identity = identity
        self.siteURL = siteURL
        let account = identity.account
        state.withLock {
            JiraSeed.fill(&$0, account: JiraUserRecord(accountId: account.accountId, displayName: account.displayName, email: account.email, timeZone: account.timeZone))
        }
    }

    /// The cloud id of the Jira site in `identity`.
    public var cloudId: String {
        identity.sites.first { $0.scopes.contains { $0.contains("jira") } }?.cloudId ?? ""
    }

    /// Adds the fault switch and every route, in both the gateway and the site form.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        faults.add(to: router, onPathsContaining: "/rest/api/3/")
        for prefix in ["ex/jira/:cloudId/rest/api/3", "rest/api/3"] {
            let group = router.group(RouterPath(prefix))
            addReadRoutes(to: group)
            addWebhookRoutes(to: group)
        }
    }

    // MARK: Test controls

    /// An issue by key or id.
    public func issue(_ idOrKey: String) -> JiraIssueRecord? {
        state.withLock { $0.issue(idOrKey) }
    }

    /// Every issue of a project, in key order.
    public func issues(inProject key: String) -> [JiraIssueRecord] {
        state.withLock { $0.issues.filter { $0.projectKey == key } }
    }

    /// Sets an issue's `updated` time, as an edit would.
    public func touch(_ key: String, at millis: Int64) {
        state.withLock { state in
            guard let index = state.issues.firstIndex(where: { $0.key == key }) else { return }
            state.issues[index].updated = millis
        }
    }

    /// Creates an issue and returns it.
    @discardableResult
    public func createIssue(project: String, summary: String, at millis: Int64) -> JiraIssueRecord {
        let creator = identity.account.accountId
        return state.withLock { $0.append(project: project, summary: summary, status: "To Do", type: "Task", creator: creator, created: millis, updated: millis) }
    }

    /// Deletes an issue and its comments.
    public func deleteIssue(_ key: String) -> JiraIssueRecord? {
        state.withLock { state in
            guard let index = state.issues.firstIndex(where: { $0.key == key }) else { return nil }
            let issue = state.issues.remove(at: index)
            state.comments.removeAll { $0.issueId == issue.id }
            return issue
        }
    }

    /// The registered webhooks.
    public var webhooks: [JiraWebhookRecord] {
        state.withLock { $0.webhooks }
    }

    /// Forgets every `nextPageToken` handed out, as after they expire.
    public func forgetPageTokens() {
        state.withLock { $0.pageTokens.removeAll() }
    }
}
