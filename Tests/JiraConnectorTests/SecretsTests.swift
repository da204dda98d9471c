import ConnectorSDK
import Foundation
import StandIns
import ConnectorTestSupport
import Testing

@testable import JiraConnector

/// No token, client secret or API token in what the connector logs or in
/// any URL it requests, whatever happened.
@Suite struct JiraSecretsTests {
    @Test func secretsStayOutOfLogsAndURLs() async throws {
        let harness = try await JiraHarness.start()
        let verifier = OAuthBrowser.makeVerifier()
        let code = try await harness.authorizationCode(for: JiraConnector.manifest, verifier: verifier)
        let grant = try await harness.call(
            .exchangeOAuthCode, OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: []), connection: nil,
            as: ConnectionGrant.self)
        let connection = ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials)
        let refreshed = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection, as: ConnectionGrant.self)
        let current = ConnectionContext(config: grant.connectionConfig, credentials: refreshed.credentials)
        _ = await harness.failure(.refreshOAuthToken, NoInput(), connection: connection)  // the rotated-out token
        _ = try await harness.call(.listItems, ListRequest(containerId: "ENG", limit: 10), connection: current, as: Page<Item>.self)
        _ = try await harness.call(.syncPage, SyncPageRequest(mode: .full, containerId: "ENG", limit: 10), connection: current, as: SyncPage.self)
        _ = try await harness.call(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x"), connection: current, as: WebhookSubscription.self)
        _ = try await harness.call(.validate, NoInput(), connection: harness.apiTokenConnection(), as: ValidationResult.self)
        _ = try await harness.call(.validate, NoInput(), connection: harness.apiTokenConnection(token: "wrong-\(harness.identity.account.apiToken)"), as: ValidationResult.self)
        harness.jira.faults.injectNext(.status(500))
        _ = await harness.failure(.listContainers, ListRequest(), connection: current)

        #expect(!harness.host.logs.isEmpty)
        let secrets = [code, verifier] + grant.credentials.secretValues + refreshed.credentials.secretValues
        #expect(harness.leakedSecrets(extra: secrets) == [])
        await harness.stop()
    }
}
