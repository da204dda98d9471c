import ConnectorModel
import Foundation
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// OAuth 2.0 (3LO) onboarding over REST for both connectors: the host builds
    /// the authorization URL (PKCE S256, audience, scopes, state), keeps the
    /// verifier, and turns the code into a connection to the granted site.
    @Suite struct AtlassianOAuthOnboardingTests {
        @Test(arguments: AtlassianConnector.allCases)
        func theAuthorizationURLCarriesPKCEAudienceScopesAndState(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let start = try await session.startOAuth(connector)
                try #require(start.status == 200, "\(start.text)")
                let authUrl = try #require(start.data["authUrl"]?.stringValue)
                #expect(authUrl.hasPrefix(session.cloud.authURL + "/authorize?"))
                let query = try #require(URLComponents(string: authUrl)?.queryItems)
                func parameter(_ name: String) -> String? { query.first { $0.name == name }?.value }
                #expect(parameter("response_type") == "code")
                #expect(parameter("client_id") == session.cloud.identity.app.clientId)
                #expect(parameter("redirect_uri") == AtlassianSession.redirectUri)
                #expect(parameter("audience") == "api.atlassian.com")
                #expect(parameter("prompt") == "consent")
                #expect(parameter("scope")?.split(separator: " ").map(String.init) == connector.defaultScopes)
                #expect(parameter("state") == start.data["state"]?.stringValue)
                #expect(parameter("code_challenge_method") == "S256")
                let challenge = try #require(parameter("code_challenge"))
                #expect(challenge == start.data["codeChallenge"]?.stringValue)
                // S256 of a verifier of 43+ characters: 43 base64url characters, no padding.
                #expect(challenge.count == 43 && challenge.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                #expect(start.data["codeChallengeMethod"] == "S256")
                #expect(start.data["codeVerifier"] == nil, "the verifier stays on the server")
                #expect(start.data["scopes"]?.arrayValue?.compactMap(\.stringValue) == connector.defaultScopes)
            }
        }

        @Test(arguments: AtlassianConnector.allCases)
        func theCodeBecomesAConnectionToTheGrantedSite(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let cloud = session.cloud
                let start = try await session.startOAuth(connector)
                let redirect = try await OAuthBrowser.authorize(try #require(start.data["authUrl"]?.stringValue))
                #expect(redirect.location.string?.hasPrefix(AtlassianSession.redirectUri + "?") == true)
                #expect(redirect.error == nil)
                #expect(redirect.state == start.data["state"]?.stringValue)

                // The stand-in redeems the code only with the verifier whose S256 is the challenge.
                let callback = try await session.completeOAuth(connector, code: try #require(redirect.code), state: try #require(redirect.state))
                try #require(callback.status == 201, "\(callback.text)")
                let connectionId = try #require(callback.data["connectionId"]?.stringValue)
                let acme = try #require(cloud.identity.sites.first { $0.name == "acme" })
                let connection = try await session.connection(connectionId)
                #expect(connection["connectorId"] == .string(connector.id))
                #expect(connection["authMethod"] == "oauth2")
                #expect(connection["status"] == "connected")
                #expect(connection["config"]?["cloudId"] == .string(acme.cloudId))
                #expect(connection["config"]?["siteUrl"] == .string(acme.url))
                #expect(connection["account"]?["accountId"] == .string(cloud.identity.account.accountId))
                #expect(connection["token"]?["type"] == "oauth2")
                #expect(Set(connection["token"]?["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(connector.defaultScopes))
                #expect(cloud.hostTokenRequests == 1)

                // The connection works through the gateway with the cloud id.
                let containers = try await session.listContainers(connector, connectionId)
                #expect(containers.status == 200, "\(containers.text)")
                let gatewayPrefix = "/ex/\(connector.id)/\(acme.cloudId)/"
                #expect(cloud.apiServer.exchanges.all.contains { $0.path.hasPrefix(gatewayPrefix) && $0.status == 200 })

                let audit = try await session.auditTrail()
                #expect(audit.contains { $0.action == "connection.connected" && $0.target == connectionId })
                let issued = cloud.issuedTokens
                #expect(issued.count == 2, "one access and one refresh token")
                #expect(!issued.contains { secret in session.replies.contains { $0.everything.contains(secret) } }, "an issued token is in an answer")
            }
        }
    }
}
