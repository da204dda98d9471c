import ConnectorSDK
import ConnectorSDKTesting
import Egress
import Logging
import StandIns
import ConnectorTestSupport
import Testing

@testable import ConfluenceConnector

/// The Confluence connector in a `TestHost`, its HTTP sent through the real
/// libcurl egress client to the Atlassian stand-ins.
final class ConfluenceHarness: Sendable {
    let cloud: AtlassianCloudStandIn
    let egress: EgressClient
    let host: TestHost

    var confluence: ConfluenceStandIn { cloud.confluence }
    var identity: AtlassianIdentity { cloud.identity }
    /// The cloud id of the site with Jira and Confluence.
    var cloudId: String { identity.sites[0].cloudId }

    private init(cloud: AtlassianCloudStandIn, egress: EgressClient, host: TestHost) {
        self.cloud = cloud
        self.egress = egress
        self.host = host
    }

    static func start(egress configuration: EgressConfiguration = .default) async throws -> ConfluenceHarness {
        let cloud = try await AtlassianCloudStandIn.start(redirectURI: OAuthBrowser.redirectURI)
        var logger = Logger(label: "confluence-tests.egress")
        logger.logLevel = .error
        let egress = EgressClient(configuration: configuration, logger: logger)
        let host = try TestHost(ConfluenceConnector.self) { request in try await EgressBridge.forward(request, through: egress) }
        return ConfluenceHarness(cloud: cloud, egress: egress, host: host)
    }

    /// Operator settings: the OAuth app, and the stand-ins as the `auth` and `api` endpoints.
    var settings: ConnectorSettings {
        ConnectorSettings(
            config: ["clientId": .string(identity.app.clientId), "clientSecret": .string(identity.app.clientSecret)],
            endpoints: ["auth": cloud.authURL, "api": cloud.apiURL])
    }

    /// An OAuth connection as stored after onboarding, with fresh tokens for `scopes`.
    func oauthConnection(scopes: [String] = AtlassianCloudStandIn.confluenceScopes + ["offline_access"]) -> ConnectionContext {
        let tokens = identity.issueTokens(scopes: Set(scopes))
        return ConnectionContext(
            config: ["cloudId": .string(cloudId), "siteUrl": "https://acme.atlassian.net"],
            credentials: Credentials(type: .oauth2, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, scopes: scopes))
    }

    /// An API-token connection to the site.
    func apiTokenConnection(token: String? = nil) -> ConnectionContext {
        ConnectionContext(
            config: ["siteUrl": .string(cloud.siteURL), "email": .string(identity.account.email)],
            credentials: Credentials(type: .apiKey, apiKey: token ?? identity.account.apiToken))
    }

    func call<Input: Codable & Sendable, Output: Decodable>(
        _ operation: ConnectorModel.Operation, _ input: Input, connection: ConnectionContext?, settings: ConnectorSettings? = nil,
        as output: Output.Type = Output.self
    ) async throws -> Output {
        try await host.call(operation, input: input, settings: settings ?? self.settings, connection: connection, as: Output.self)
    }

    /// The error document a failing call throws.
    func failure<Input: Codable & Sendable>(_ operation: ConnectorModel.Operation, _ input: Input, connection: ConnectionContext?) async -> ErrorDocument? {
        do {
            _ = try await call(operation, input, connection: connection, as: JSONValue.self)
            return nil
        } catch {
            return error as? ErrorDocument
        }
    }

    /// Every secret of the test (app secret, API token, `extra`) found in the
    /// connector's log lines or in any URL it requested.
    func leakedSecrets(extra: [String] = []) -> [String] {
        let secrets = [identity.app.clientSecret, identity.account.apiToken] + extra
        let logText = host.logs.map { line in line.message + " " + String(decoding: (try? WireCoding.encode(line.fields)) ?? [], as: UTF8.self) }
        let urls = (cloud.apiServer.exchanges.all + cloud.authServer.exchanges.all).map { $0.path + "?" + $0.query }
        return secrets.filter { secret in !secret.isEmpty && (logText + urls).contains { $0.contains(secret) } }
    }

    /// Checks every response the stand-ins sent against the vendor contracts,
    /// then stops everything; call at the end of every test.
    func stop() async {
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
