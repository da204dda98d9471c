import Foundation

/// Atlassian Cloud for tests, on two local servers like the real hosts:
/// `authURL` plays auth.atlassian.com (authorize, token), `apiURL` plays
/// api.atlassian.com (accessible resources, the `/ex/jira` and
/// `/ex/confluence` gateways) and also the site itself (`/rest/api/3`,
/// `/wiki`) for API-token connections.
public final class AtlassianCloudStandIn: Sendable {
    public let identity: AtlassianIdentity
    public let jira: JiraStandIn
    public let confluence: ConfluenceStandIn
    public let authServer: StandInServer
    public let apiServer: StandInServer

    private init(identity: AtlassianIdentity, jira: JiraStandIn, confluence: ConfluenceStandIn, authServer: StandInServer, apiServer: StandInServer) {
        self.identity = identity
        self.jira = jira
        self.confluence = confluence
        self.authServer = authServer
        self.apiServer = apiServer
    }

    /// The scopes the Jira and Confluence products offer on the main site.
    public static let jiraScopes = ["read:jira-work", "read:jira-user", "manage:jira-webhook"]
    public static let confluenceScopes = ["read:confluence-user", "read:space:confluence", "read:page:confluence", "read:comment:confluence"]

    /// Starts both servers with a fresh app secret and API token, one account
    /// (time zone America/New_York) and two sites: `acme` with Jira and
    /// Confluence, `beta` with Confluence only.
    public static func start(redirectURI: String = "https://host.example.com/oauth/callback") async throws -> AtlassianCloudStandIn {
        let identity = AtlassianIdentity(
            app: .init(clientId: "atl-client-1", clientSecret: RandomToken.make("cs-"), redirectURIs: [redirectURI]),
            account: .init(
                accountId: "5b10a2844c20165700ede21g", email: "mia@example.com", displayName: "Mia Krystof", timeZone: "America/New_York",
                apiToken: RandomToken.make("ATATT3x")),
            sites: [
                .init(cloudId: "11223344-a1b2-3b33-c444-def123456789", name: "acme", url: "https://acme.atlassian.net", scopes: jiraScopes + confluenceScopes),
                .init(cloudId: "99887766-a1b2-3b33-c444-def123456789", name: "beta", url: "https://beta.atlassian.net", scopes: confluenceScopes),
            ])
        let jira = JiraStandIn(identity: identity)
        let confluence = ConfluenceStandIn(identity: identity)
        let authServer = try await StandInServer.start("atlassian-auth") { router in
            AtlassianOAuthRoutes.addAuthorizationServer(to: router, identity: identity)
        }
        let apiServer = try await StandInServer.start("atlassian-api") { router in
            AtlassianOAuthRoutes.addAccessibleResources(to: router, identity: identity)
            jira.addRoutes(to: router)
            confluence.addRoutes(to: router)
        }
        return AtlassianCloudStandIn(identity: identity, jira: jira, confluence: confluence, authServer: authServer, apiServer: apiServer)
    }

    public var authURL: String { authServer.baseURL }
    public var apiURL: String { apiServer.baseURL }
    /// Where API-token connections find their site.
    public var siteURL: String { apiServer.baseURL }

    /// Problems of every response either server sent, against the vendor contracts.
    public func specProblems() throws -> [String] {
        try SpecConformance.problems(in: authServer.exchanges.all) + SpecConformance.problems(in: apiServer.exchanges.all)
    }

    public func stop() async {
        await authServer.stop()
        await apiServer.stop()
    }
}
