import AtlassianCloud
import ConnectorSDK
import StandIns
import ConnectorTestSupport
import Testing

@testable import ConfluenceConnector

/// Atlassian 3LO onboarding for Confluence: the shared exchange, the site
/// chosen among the accessible resources, rotating refresh tokens.
@Suite struct ConfluenceOAuthTests {
    func connect(_ harness: ConfluenceHarness, config: [String: JSONValue] = [:]) async throws -> ConnectionGrant {
        let verifier = OAuthBrowser.makeVerifier()
        let code = try await harness.authorizationCode(for: ConfluenceConnector.manifest, verifier: verifier)
        let exchange = OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: [], connectionConfig: config)
        return try await harness.call(.exchangeOAuthCode, exchange, connection: nil, as: ConnectionGrant.self)
    }

    @Test func exchangeFindsTheSiteAndWhoAuthorized() async throws {
        let harness = try await ConfluenceHarness.start()
        let grant = try await connect(harness)
        #expect(grant.connectionConfig["cloudId"] == .string(harness.cloudId))
        #expect(grant.connectionConfig["siteUrl"] == "https://acme.atlassian.net")
        #expect(grant.account?["displayName"] == "Mia Krystof")
        #expect(grant.credentials.scopes?.contains("read:page:confluence") == true)
        await harness.stop()
    }

    @Test func theClientMayPickAnotherGrantedSite() async throws {
        let harness = try await ConfluenceHarness.start()
        let grant = try await connect(harness, config: ["siteUrl": "https://beta.atlassian.net/wiki"])
        #expect(grant.connectionConfig["cloudId"] == .string(harness.identity.sites[1].cloudId))
        #expect(grant.connectionConfig["siteName"] == "beta")
        await harness.stop()
    }

    @Test func refreshRotates() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.oauthConnection()
        let refreshed = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection, as: ConnectionGrant.self)
        #expect(refreshed.credentials.refreshToken != connection.credentials?.refreshToken)
        let refused = await harness.failure(.refreshOAuthToken, NoInput(), connection: connection)
        #expect(refused?.code == "invalid_grant")
        let result = try await harness.call(
            .validate, NoInput(), connection: ConnectionContext(config: connection.config, credentials: refreshed.credentials), as: ValidationResult.self)
        #expect(result.valid)
        await harness.stop()
    }
}
