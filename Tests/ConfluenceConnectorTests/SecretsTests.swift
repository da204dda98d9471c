import ConnectorSDK
import StandIns
import ConnectorTestSupport
import Testing

@testable import ConfluenceConnector

/// No token, client secret or API token in logs or requested URLs.
@Suite struct ConfluenceSecretsTests {
    @Test func secretsStayOutOfLogsAndURLs() async throws {
        let harness = try await ConfluenceHarness.start()
        let verifier = OAuthBrowser.makeVerifier()
        let code = try await harness.authorizationCode(for: ConfluenceConnector.manifest, verifier: verifier)
        let grant = try await harness.call(
            .exchangeOAuthCode, OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: []), connection: nil,
            as: ConnectionGrant.self)
        let connection = ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials)
        let refreshed = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection, as: ConnectionGrant.self)
        _ = await harness.failure(.refreshOAuthToken, NoInput(), connection: connection)
        let current = ConnectionContext(config: grant.connectionConfig, credentials: refreshed.credentials)
        _ = try await harness.call(.syncPage, SyncPageRequest(mode: .full, containerId: "98304", limit: 10), connection: current, as: SyncPage.self)
        _ = try await harness.call(.listComments, ListRequest(itemId: "200001"), connection: harness.apiTokenConnection(), as: Page<ConnectorModel.Comment>.self)
        _ = try await harness.call(.validate, NoInput(), connection: harness.apiTokenConnection(token: "x\(harness.identity.account.apiToken)"), as: ValidationResult.self)
        #expect(!harness.host.logs.isEmpty)
        #expect(harness.leakedSecrets(extra: [code, verifier] + grant.credentials.secretValues + refreshed.credentials.secretValues) == [])
        await harness.stop()
    }
}
