import ConnectorSDK
import Egress
import StandIns
import ConnectorTestSupport
import Testing

@testable import SalesforceConnector

@Suite struct SalesforceOAuthTests {
    @Test func exchangesACodeWithItsPKCEVerifierForAGrantThatWorks() async throws {
        try await SalesforceHarness.run { harness in
            let verifier = OAuthBrowser.makeVerifier()
            let code = try await OAuthBrowser.code(
            for: SalesforceConnector.manifest, endpoints: ["login": harness.salesforce.loginURL], clientId: harness.salesforce.oauth.app.clientId, verifier: verifier, egress: harness.egress)
            let exchange = OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: ["api"])
            let grant: ConnectionGrant = try await harness.call(.exchangeOAuthCode, exchange, connection: nil)

            let instance = harness.salesforce.instanceURL
            #expect(grant.credentials.type == .oauth2)
            #expect(grant.credentials.refreshToken != nil)
            #expect(grant.credentials.expiresAt == nil)
            #expect(grant.credentials.scopes == ["api", "refresh_token"])
            #expect(grant.credentials.extra?["instanceUrl"] == .string(instance))
            #expect(grant.connectionConfig["instanceUrl"] == .string(instance))
            #expect(grant.connectionConfig["organizationId"] == .string(harness.salesforce.oauth.organizationId))
            #expect(grant.account?["user_id"] == .string(harness.salesforce.org.adminUserId))
            #expect(grant.account?["preferred_username"] == "ada@example.com")
            #expect(grant.displayName == "Ada Admin (ada@example.com)")

            // The token request went to the login host, the userinfo call to the instance the token response named.
            let port = harness.salesforce.server.port
            #expect(harness.salesforce.requestHosts.first { $0.path == "/services/oauth2/token" }?.host == "127.0.0.1:\(port)")
            #expect(harness.salesforce.requestHosts.first { $0.path == "/services/oauth2/userinfo" }?.host == "localhost:\(port)")

            let connection = ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials)
            let probe: ProbeResult = try await harness.call(.probe, NoInput(), connection: connection)
            #expect(probe.status == .ready)
            #expect(harness.leakedSecrets(connection, extra: [code, verifier]).isEmpty)
        }
    }

    @Test func theStandInAuthorizesOnlyKnownClientsCallbacksAndS256Challenges() async throws {
        try await SalesforceHarness.run { harness in
            let app = harness.salesforce.oauth.app
            let challenge = try await OpenSSLTool.pkceChallenge(OAuthBrowser.makeVerifier())
            let good: [(String, String)] = [
                ("response_type", "code"), ("client_id", app.clientId), ("redirect_uri", OAuthBrowser.redirectURI), ("state", "s1"),
                ("code_challenge", challenge), ("code_challenge_method", "S256"),
            ]
            func authorize(_ replacing: String, with value: String) async throws -> (status: Int, location: String?) {
                let query = good.map { $0.0 == replacing ? ($0.0, value) : $0 }
                let response = try await harness.egress.send(
                    EgressRequest(url: harness.salesforce.loginURL + "/services/oauth2/authorize?" + FormEncoding.query(query)))
                return (response.status, response.header("location"))
            }
            let unknownClient = try await authorize("client_id", with: "someone-else")
            let unknownCallback = try await authorize("redirect_uri", with: "https://evil.example.com/cb")
            let noState = try await authorize("state", with: "")
            let plain = try await authorize("code_challenge_method", with: "plain")
            let implicit = try await authorize("response_type", with: "token")
            let approved = try await authorize("state", with: "s2")
            // No redirect to an unknown client or callback; errors go back to a known one.
            #expect(unknownClient.status == 400 && unknownClient.location == nil)
            #expect(unknownCallback.status == 400 && unknownCallback.location == nil)
            #expect(noState.location?.contains("error=invalid_request") == true)
            #expect(plain.location?.contains("error=invalid_request") == true)
            #expect(implicit.location?.contains("error=unsupported_response_type") == true)
            #expect(approved.status == 302 && approved.location?.contains("code=") == true)
        }
    }

    @Test func aWrongVerifierIsRefusedAndSpendsTheCode() async throws {
        try await SalesforceHarness.run { harness in
            let verifier = OAuthBrowser.makeVerifier()
            let code = try await OAuthBrowser.code(
            for: SalesforceConnector.manifest, endpoints: ["login": harness.salesforce.loginURL], clientId: harness.salesforce.oauth.app.clientId, verifier: verifier, egress: harness.egress)
            let wrong = OAuthCodeExchange(
                code: code, codeVerifier: OAuthBrowser.makeVerifier(), redirectUri: OAuthBrowser.redirectURI, scopes: ["api"])
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: ConnectionGrant = try await harness.call(.exchangeOAuthCode, wrong, connection: nil)
            }
            #expect(refused?.code == "invalid_grant")
            #expect(refused?.message.contains("invalid code verifier") == true)

            let late = OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: ["api"])
            let spent = await #expect(throws: ErrorDocument.self) {
                let _: ConnectionGrant = try await harness.call(.exchangeOAuthCode, late, connection: nil)
            }
            #expect(spent?.code == "invalid_grant")
        }
    }

    @Test func refreshKeepsTheRefreshTokenSalesforceDidNotRotate() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection(config: ["organizationId": "kept"])
            let grant: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
            #expect(grant.credentials.accessToken != connection.credentials?.accessToken)
            #expect(grant.credentials.refreshToken == connection.credentials?.refreshToken)
            #expect(grant.credentials.expiresAt == nil)
            #expect(grant.connectionConfig["instanceUrl"] == .string(harness.salesforce.instanceURL))
            #expect(grant.connectionConfig["organizationId"] == .string(harness.salesforce.oauth.organizationId))
            let form = try #require(harness.salesforce.exchanges.all.last { $0.path == "/services/oauth2/token" })
            #expect(form.method == "POST")
        }
    }

    @Test func refreshTakesARotatedRefreshTokenWhenTheAppRotatesThem() async throws {
        try await SalesforceHarness.run(app: .init(rotatesRefreshTokens: true)) { harness in
            let connection = harness.connection()
            let grant: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
            let rotated = try #require(grant.credentials.refreshToken)
            #expect(rotated != connection.credentials?.refreshToken)
            let again: ConnectionGrant = try await harness.call(
                .refreshOAuthToken, NoInput(), connection: ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials))
            #expect(again.credentials.accessToken != nil)
        }
    }

    @Test func anExpiredSessionIsAuthExpiredAndTheRefreshedTokenWorks() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.org.insert("Account", ["Name": "Acme"])
            let connection = harness.connection()
            harness.salesforce.oauth.expireAccessTokens()
            let expired = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account"), connection: connection)
            }
            #expect(expired?.code == "auth_expired")
            #expect(expired?.details?["providerCode"] == "INVALID_SESSION_ID")

            // What the host does on auth_expired: refresh once, store, retry.
            let grant: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
            let refreshed = ConnectionContext(config: connection.config.merging(grant.connectionConfig) { _, new in new }, credentials: grant.credentials)
            let page: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account"), connection: refreshed)
            #expect(page.items.map(\.title) == ["Acme"])
        }
    }

    @Test func aRevokedRefreshTokenIsInvalidGrant() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            let revoked: RevocationResult = try await harness.call(.revoke, NoInput(), connection: connection)
            #expect(revoked.revokedAtProvider)
            let revoke = try #require(harness.salesforce.exchanges.all.last { $0.path == "/services/oauth2/revoke" })
            #expect(revoke.status == 200)

            let refused = await #expect(throws: ErrorDocument.self) {
                let _: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
            }
            #expect(refused?.code == "invalid_grant")
            // Revoking the refresh token ended its sessions too.
            let ended = await #expect(throws: ErrorDocument.self) {
                let _: Page<Container> = try await harness.call(.listContainers, ListRequest(), connection: connection)
            }
            #expect(ended?.code == "auth_expired")
            // A second revocation finds nothing left to revoke, which is not a failure.
            let again: RevocationResult = try await harness.call(.revoke, NoInput(), connection: connection)
            #expect(again.revokedAtProvider)
            #expect(again.message.contains("invalid_token"))
        }
    }

    @Test func aCapturedLoginUrlIsPreferredToTheLoginEndpoint() async throws {
        try await SalesforceHarness.run { harness in
            let myDomain = try await SalesforceStandIn.start()
            let verifier = OAuthBrowser.makeVerifier()
            let code = try await OAuthBrowser.code(
            for: SalesforceConnector.manifest, endpoints: ["login": myDomain.loginURL], clientId: myDomain.oauth.app.clientId, verifier: verifier, egress: harness.egress)
            let exchange = OAuthCodeExchange(
                code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: ["api"],
                connectionConfig: ["loginUrl": .string(myDomain.loginURL + "/")])
            let grant: ConnectionGrant = try await harness.call(.exchangeOAuthCode, exchange, connection: nil)
            #expect(grant.connectionConfig["loginUrl"] == .string(myDomain.loginURL))
            #expect(grant.connectionConfig["instanceUrl"] == .string(myDomain.instanceURL))

            let connection = ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials)
            let _: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
            #expect(myDomain.exchanges.all.filter { $0.path == "/services/oauth2/token" }.count == 2)
            #expect(!harness.salesforce.exchanges.all.contains { $0.path.hasPrefix("/services/oauth2/") })
            await myDomain.stop()
        }
    }

    @Test func aLoginUrlOutsideSalesforceIsRefusedBeforeTheSecretLeaves() async throws {
        try await SalesforceHarness.run { harness in
            let exchange = OAuthCodeExchange(
                code: "code", codeVerifier: OAuthBrowser.makeVerifier(), redirectUri: OAuthBrowser.redirectURI, scopes: [],
                connectionConfig: ["loginUrl": "https://login.evil.example.com"])
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: ConnectionGrant = try await harness.call(.exchangeOAuthCode, exchange, connection: nil)
            }
            #expect(refused?.code == "invalid_input")
            #expect(harness.salesforce.exchanges.all.isEmpty)
        }
    }

    @Test func exchangeWithoutTheClientSecretIsNotConfigured() async throws {
        try await SalesforceHarness.run { harness in
            var settings = harness.settings
            settings.config["clientSecret"] = nil
            let exchange = OAuthCodeExchange(code: "c", codeVerifier: OAuthBrowser.makeVerifier(), redirectUri: OAuthBrowser.redirectURI, scopes: [])
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: ConnectionGrant = try await harness.call(.exchangeOAuthCode, exchange, connection: nil, settings: settings)
            }
            #expect(refused?.code == "not_configured")
            #expect(refused?.details?["missing"] == ["clientSecret"])
        }
    }
}
