import ConnectorSDK
import ConnectorSDKTesting
import ConnectorTestSupport
import Egress
import Logging
import StandIns

@testable import SalesforceConnector

/// The connector under test in a `TestHost`, its HTTP sent through the real
/// libcurl egress client to a Salesforce stand-in.
final class SalesforceHarness: Sendable {
    let salesforce: SalesforceStandIn
    let egress: EgressClient
    let host: TestHost

    private init(salesforce: SalesforceStandIn, egress: EgressClient, host: TestHost) {
        self.salesforce = salesforce
        self.egress = egress
        self.host = host
    }

    private static func start(
        egress configuration: EgressConfiguration = .default, app: SalesforceOAuthState.ConnectedApp = .init()
    ) async throws -> SalesforceHarness {
        let salesforce = try await SalesforceStandIn.start(app: app)
        var logger = Logger(label: "salesforce-tests.egress")
        logger.logLevel = .error
        let egress = EgressClient(configuration: configuration, logger: logger)
        let host = try TestHost(SalesforceConnector.self) { request in try await EgressBridge.forward(request, through: egress) }
        return SalesforceHarness(salesforce: salesforce, egress: egress, host: host)
    }

    /// Starts a harness, runs `body` with it, and stops everything whether `body` returned or threw.
    static func run(
        egress configuration: EgressConfiguration = .default, app: SalesforceOAuthState.ConnectedApp = .init(),
        _ body: (SalesforceHarness) async throws -> Void
    ) async throws {
        let harness = try await start(egress: configuration, app: app)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// Operator settings: the stand-in as the login endpoint, the stand-in's connected app.
    var settings: ConnectorSettings {
        ConnectorSettings(
            config: ["clientId": .string(salesforce.oauth.app.clientId), "clientSecret": .string(salesforce.oauth.app.clientSecret)],
            endpoints: ["login": salesforce.loginURL])
    }

    /// A connection as the host stores it after onboarding, with fresh tokens.
    func connection(config extra: [String: JSONValue] = [:]) -> ConnectionContext {
        let tokens = salesforce.issueTokens()
        return connection(accessToken: tokens.access, refreshToken: tokens.refresh, config: extra)
    }

    func connection(accessToken: String, refreshToken: String?, config extra: [String: JSONValue] = [:]) -> ConnectionContext {
        let credentials = Credentials(
            type: .oauth2, accessToken: accessToken, refreshToken: refreshToken, extra: ["instanceUrl": .string(salesforce.instanceURL)])
        return ConnectionContext(config: ["instanceUrl": .string(salesforce.instanceURL)].merging(extra) { _, given in given }, credentials: credentials)
    }

    /// Calls `operation` with the harness's settings.
    func call<Input: Codable & Sendable, Output: Decodable>(
        _ operation: ConnectorModel.Operation, _ input: Input, connection: ConnectionContext?, settings: ConnectorSettings? = nil,
        as output: Output.Type = Output.self
    ) async throws -> Output {
        try await host.call(operation, input: input, settings: settings ?? self.settings, connection: connection, as: Output.self)
    }

    /// The secrets of `connection` (and the client secret, and `extra`) found in
    /// the connector's log lines or in any URL it requested.
    func leakedSecrets(_ connection: ConnectionContext?, extra: [String] = []) -> [String] {
        let secrets = [salesforce.oauth.app.clientSecret] + (connection?.credentials?.secretValues ?? []) + extra
        let logText = host.logs.map { line in
            line.message + " " + String(decoding: (try? WireCoding.encode(line.fields)) ?? [], as: UTF8.self)
        }
        let urls = salesforce.exchanges.all.map { $0.path + "?" + $0.query }
        return secrets.filter { secret in (logText + urls).contains { $0.contains(secret) } }
    }

    func stop() async {
        await host.shutdown()
        egress.shutdown()
        await salesforce.stop()
    }
}
