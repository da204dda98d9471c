import Hummingbird

/// A stand-in Salesforce: the login host's OAuth endpoints and one org's REST
/// API on a local port. OAuth answers at `loginURL` (127.0.0.1), the REST API at
/// `instanceURL` (localhost, the same server), which the token response names
/// as `instance_url` the way Salesforce names a My Domain.
///
/// ```swift
/// let salesforce = try await SalesforceStandIn.start()
/// let account = salesforce.org.insert("Account", ["Name": .string("Acme")])
/// ...
/// await salesforce.stop()
/// ```
public final class SalesforceStandIn: Sendable {
    public let server: StandInServer
    public let org: SalesforceOrg
    public let oauth: SalesforceOAuthState
    let state: SalesforceStandInState

    private init(server: StandInServer, state: SalesforceStandInState) {
        self.server = server
        self.state = state
        self.org = state.org
        self.oauth = state.oauth
    }

    /// Starts a stand-in for `app` with an org holding two users and no records.
    public static func start(app: SalesforceOAuthState.ConnectedApp = .init()) async throws -> SalesforceStandIn {
        let state = SalesforceStandInState(org: SalesforceOrg(), oauth: SalesforceOAuthState(app: app))
        let server = try await StandInServer.start("salesforce") { router in
            router.add(middleware: SalesforceHostRecorder(state: state))
            router.add(middleware: SalesforceFaultMiddleware(faults: state.faults))
            SalesforceOAuthRoutes.add(to: router, state)
            SalesforceRESTRoutes.add(to: router, state)
        }
        state.instanceURL = "http://localhost:\(server.port)"
        return SalesforceStandIn(server: server, state: state)
    }

    /// The login host: `http://127.0.0.1:PORT`.
    public var loginURL: String { server.baseURL }

    /// The org's instance: `http://localhost:PORT`.
    public var instanceURL: String { state.instanceURL }

    /// Every request answered so far.
    public var exchanges: ExchangeLog { server.exchanges }

    /// The field names of every form body received (token and revoke requests), in order.
    public var formSubmissions: [SalesforceFormSubmission] { state.formSubmissions }

    /// The host name (`host:port`) each request was sent to, with its path.
    public var requestHosts: [(host: String, path: String)] { state.requestHosts }

    /// Every `nextRecordsUrl` handed out so far.
    public var nextRecordsUrls: [String] { state.nextRecordsUrls }

    /// Serves `fault` to the next `times` requests whose path starts with `pathPrefix`.
    public func inject(_ fault: SalesforceFault, times: Int = 1, pathPrefix: String = "/services/data/") {
        state.faults.add(fault, times: times, pathPrefix: pathPrefix)
    }

    /// Forgets every open query cursor, as Salesforce does after 15 idle minutes.
    public func expireQueryCursors() {
        state.closeQueries()
    }

    /// Tokens for the admin user, as if the OAuth flow had run.
    public func issueTokens(scope: String = "api refresh_token") -> (access: String, refresh: String?) {
        oauth.issueTokens(userId: org.adminUserId, scope: scope)
    }

    public func stop() async {
        await server.stop()
    }
}
