import AtlassianCloud
import ConnectorSDK
import Foundation
import StandIns
import ConnectorTestSupport
import Testing

@testable import JiraConnector

/// Atlassian 3LO onboarding against the OAuth stand-in: code exchange with
/// PKCE, the accessible-resources lookup, and rotating refresh tokens.
@Suite struct JiraOAuthTests {
    @Test func exchangeFindsTheJiraSiteAndWhoAuthorized() async throws {
        let harness = try await JiraHarness.start()
        let verifier = OAuthBrowser.makeVerifier()
        let code = try await harness.authorizationCode(for: JiraConnector.manifest, verifier: verifier)
        let exchange = OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: [])
        let grant = try await harness.call(.exchangeOAuthCode, exchange, connection: nil, as: ConnectionGrant.self)

        #expect(grant.credentials.type == .oauth2)
        #expect(grant.credentials.accessToken?.isEmpty == false)
        #expect(grant.credentials.refreshToken?.isEmpty == false)
        #expect(grant.credentials.scopes?.contains("offline_access") == true)
        let expiry = try #require(grant.credentials.expiresAt.flatMap(AtlassianTimestamp.init(parsing:)))
        #expect(expiry.date > Date())
        #expect(grant.connectionConfig["cloudId"] == .string(harness.jira.cloudId))
        #expect(grant.connectionConfig["siteUrl"] == "https://acme.atlassian.net")
        #expect(grant.account?["accountId"] == .string(harness.identity.account.accountId))
        #expect(grant.displayName == "Mia Krystof @ acme")

        // The code was single-use.
        let again = await harness.failure(.exchangeOAuthCode, exchange, connection: nil)
        #expect(again?.code == "invalid_grant")
        await harness.stop()
    }

    @Test func refreshRotatesAndTheOldRefreshTokenIsRefused() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let first = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection, as: ConnectionGrant.self)
        let rotated = try #require(first.credentials.refreshToken)
        #expect(rotated != connection.credentials?.refreshToken)
        #expect(first.credentials.accessToken != connection.credentials?.accessToken)
        #expect(first.connectionConfig == connection.config)

        // The old refresh token was used once; Atlassian refuses it from now on.
        let refused = await harness.failure(.refreshOAuthToken, NoInput(), connection: connection)
        #expect(refused?.code == "invalid_grant")
        #expect(refused?.message.contains(connection.credentials?.refreshToken ?? "-") == false)

        // The new credentials work, and can be rotated again.
        let refreshed = ConnectionContext(config: connection.config, credentials: first.credentials)
        let validation = try await harness.call(.validate, NoInput(), connection: refreshed, as: ValidationResult.self)
        #expect(validation.valid)
        let second = try await harness.call(.refreshOAuthToken, NoInput(), connection: refreshed, as: ConnectionGrant.self)
        #expect(second.credentials.refreshToken != rotated)
        await harness.stop()
    }

    @Test func aWrongVerifierIsRefused() async throws {
        let harness = try await JiraHarness.start()
        let code = try await harness.authorizationCode(for: JiraConnector.manifest, verifier: OAuthBrowser.makeVerifier())
        let exchange = OAuthCodeExchange(code: code, codeVerifier: OAuthBrowser.makeVerifier(), redirectUri: OAuthBrowser.redirectURI, scopes: [])
        let refused = await harness.failure(.exchangeOAuthCode, exchange, connection: nil)
        #expect(refused?.code == "invalid_grant")
        await harness.stop()
    }

    @Test func aWrongClientSecretIsTheOperatorsToFix() async throws {
        let harness = try await JiraHarness.start()
        let verifier = OAuthBrowser.makeVerifier()
        let code = try await harness.authorizationCode(for: JiraConnector.manifest, verifier: verifier)
        var settings = harness.settings
        settings.config["clientSecret"] = "not-the-secret"
        let exchange = OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: [])
        do {
            _ = try await harness.call(.exchangeOAuthCode, exchange, connection: nil, settings: settings, as: ConnectionGrant.self)
            Issue.record("the exchange succeeded with a wrong client secret")
        } catch let error as ErrorDocument {
            #expect(error.code == "not_configured")
            #expect(!error.message.contains("not-the-secret"))
        }
        await harness.stop()
    }

    @Test func withoutClientSettingsNothingIsSent() async throws {
        let harness = try await JiraHarness.start()
        let settings = ConnectorSettings(endpoints: harness.settings.endpoints)
        do {
            _ = try await harness.call(.refreshOAuthToken, NoInput(), connection: harness.oauthConnection(), settings: settings, as: ConnectionGrant.self)
            Issue.record("refresh succeeded without client settings")
        } catch let error as ErrorDocument {
            #expect(error.code == "not_configured")
            #expect(error.details?["missing"] == ["clientId", "clientSecret"])
        }
        #expect(harness.cloud.authServer.exchanges.all.isEmpty)
        await harness.stop()
    }

    @Test func aSiteCanBeChosenAndAnUngrantedOneIsRefused() async throws {
        let harness = try await JiraHarness.start()
        let verifier = OAuthBrowser.makeVerifier()
        let code = try await harness.authorizationCode(for: JiraConnector.manifest, verifier: verifier)
        // beta hosts Confluence only: a Jira grant cannot be for it.
        let exchange = OAuthCodeExchange(
            code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: [], connectionConfig: ["siteUrl": "https://beta.atlassian.net"])
        let refused = await harness.failure(.exchangeOAuthCode, exchange, connection: nil)
        #expect(refused?.code == "forbidden")
        await harness.stop()
    }
}
