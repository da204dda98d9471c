import ConnectorSDK
import ConnectorSDKTesting
import Egress
import Logging
import StandIns
import Testing

/// A Jira or Confluence connector in a `TestHost`, its HTTP sent through the
/// real libcurl egress client to the Atlassian stand-ins. Each connector's
/// tests add a `start(egress:)` that names the connector.
public final class AtlassianConnectorHarness: Sendable {
    public let cloud: AtlassianCloudStandIn
    public let egress: EgressClient
    public let host: TestHost
    /// What an OAuth connection is granted unless a test says otherwise.
    let productScopes: [String]

    public var identity: AtlassianIdentity { cloud.identity }
    /// The cloud id of the site that has both products.
    public var cloudId: String { identity.sites[0].cloudId }

    private init(cloud: AtlassianCloudStandIn, egress: EgressClient, host: TestHost, productScopes: [String]) {
        self.cloud = cloud
        self.egress = egress
        self.host = host
        self.productScopes = productScopes
    }

    public static func start<C: Connector>(
        _ connector: C.Type, scopes: [String], egress configuration: EgressConfiguration
    ) async throws -> AtlassianConnectorHarness {
        let cloud = try await AtlassianCloudStandIn.start(redirectURI: OAuthBrowser.redirectURI)
        var logger = Logger(label: "connector-tests.egress")
        logger.logLevel = .error
        let egress = EgressClient(configuration: configuration, logger: logger)
        let host = try TestHost(connector) { request in try await EgressBridge.forward(request, through: egress) }
        return AtlassianConnectorHarness(cloud: cloud, egress: egress, host: host, productScopes: scopes)
    }

    /// Operator settings: the OAuth app, and the stand-ins as the `auth` and `api` endpoints.
    public var settings: ConnectorSettings {
        ConnectorSettings(
            config: ["clientId": .string(identity.app.clientId), "clientSecret": .string(identity.app.clientSecret)],
            endpoints: ["auth": cloud.authURL, "api": cloud.apiURL])
    }

    /// An OAuth connection as stored after onboarding, with fresh tokens for
    /// `scopes` (the product's own and `offline_access` when nil).
    public func oauthConnection(scopes: [String]? = nil) -> ConnectionContext {
        let scopes = scopes ?? productScopes + ["offline_access"]
        let tokens = identity.issueTokens(scopes: Set(scopes))
        return ConnectionContext(
            config: ["cloudId": .string(cloudId), "siteUrl": "https://acme.atlassian.net"],
            credentials: Credentials(type: .oauth2, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, scopes: scopes))
    }

    /// An API-token connection to the site.
    public func apiTokenConnection(token: String? = nil, email: String? = nil) -> ConnectionContext {
        ConnectionContext(
            config: ["siteUrl": .string(cloud.siteURL), "email": .string(email ?? identity.account.email)],
            credentials: Credentials(type: .apiKey, apiKey: token ?? identity.account.apiToken))
    }

    /// The user consents at the stand-in's authorization page for `manifest`'s
    /// app; the code its redirect carries, bound to `verifier` (PKCE).
    public func authorizationCode(for manifest: Manifest, verifier: String) async throws -> String {
        try await OAuthBrowser.code(
            for: manifest, endpoints: ["auth": cloud.authURL], clientId: identity.app.clientId, verifier: verifier, egress: egress)
    }

    public func call<Input: Codable & Sendable, Output: Decodable>(
        _ operation: ConnectorModel.Operation, _ input: Input, connection: ConnectionContext?, settings: ConnectorSettings? = nil,
        as output: Output.Type = Output.self
    ) async throws -> Output {
        try await host.call(operation, input: input, settings: settings ?? self.settings, connection: connection, as: Output.self)
    }

    /// The error document a failing call throws.
    public func failure<Input: Codable & Sendable>(
        _ operation: ConnectorModel.Operation, _ input: Input, connection: ConnectionContext?
    ) async -> ErrorDocument? {
        do {
            _ = try await call(operation, input, connection: connection, as: JSONValue.self)
            return nil
        } catch {
            return error as? ErrorDocument
        }
    }

    /// Every page of a list, following `nextCursor`, and how many pages it took.
    public func allPages<Element: Codable & Sendable>(
        _ operation: ConnectorModel.Operation, _ request: ListRequest, connection: ConnectionContext, as: Element.Type
    ) async throws -> (items: [Element], pages: Int) {
        var request = request
        var items: [Element] = []
        var pages = 0
        repeat {
            let page = try await call(operation, request, connection: connection, as: Page<Element>.self)
            items += page.items
            pages += 1
            request.cursor = page.nextCursor
        } while request.cursor != nil && pages < 100
        return (items, pages)
    }

    /// Every secret of the test (app secret, API token, `extra`) found in the
    /// connector's log lines or in any URL it requested.
    public func leakedSecrets(extra: [String] = []) -> [String] {
        let secrets = [identity.app.clientSecret, identity.account.apiToken] + extra
        let logText = host.logs.map { line in line.message + " " + String(decoding: (try? WireCoding.encode(line.fields)) ?? [], as: UTF8.self) }
        let urls = (cloud.apiServer.exchanges.all + cloud.authServer.exchanges.all).map { $0.path + "?" + $0.query }
        return secrets.filter { secret in !secret.isEmpty && (logText + urls).contains { $0.contains(secret) } }
    }

    /// Checks every response the stand-ins sent against the vendor contracts,
    /// then stops everything; call at the end of every test.
    public func stop() async {
        do {
            #expect(try cloud.specProblems() == [])
        } catch {
            Issue.record(error, "the vendor specs could not be loaded")
        }
        await host.shutdown()
        egress.shutdown()
        await cloud.stop()
    }
}
