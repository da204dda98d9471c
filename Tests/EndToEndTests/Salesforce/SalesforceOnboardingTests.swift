import ConnectorModel
import Foundation
import StandIns
import Testing

/// Operator settings and the OAuth 2.0 web server flow with PKCE, end to end:
/// REST → host → plugin → stand-in, and the browser in between.
@Suite struct SalesforceOnboardingTests {
    @Test func operatorSettingsAreStoredWithTheSecretMasked() async throws {
        try await SalesforceHost.run { session, _ in
            let connector = try await session.get("/api/connectors/salesforce", tenant: nil)
            let app = session.salesforce.oauth.app
            #expect(connector.data["config"]?["clientId"] == .string(app.clientId))
            #expect(connector.data["config"]?["clientSecret"] == "***")
            #expect(connector.data["config"]?["apiVersion"] == "66.0")
            #expect(connector.data["endpoints"]?["login"] == .string(session.salesforce.loginURL))
            #expect(!connector.text.contains(app.clientSecret))
        }
    }

    @Test func oauthConnectCreatesAConnectionWithItsInstanceAndNoSecretShown() async throws {
        try await SalesforceHost.run { session, _ in
            let salesforce = session.salesforce
            let start = try await session.startOAuth()
            try #require(start.status == 200, "\(start.text)")
            let authUrl = try #require(start.data["authUrl"]?.stringValue)
            #expect(authUrl.hasPrefix(salesforce.loginURL + "/services/oauth2/authorize?"))
            #expect(start.data["codeChallengeMethod"] == "S256")
            #expect(start.data["scopes"] == ["api", "refresh_token"])

            let redirect = try await OAuthBrowser.authorize(authUrl)
            #expect(redirect.location.string?.hasPrefix(SalesforceSession.redirectUri + "?") == true)
            #expect(redirect.state == start.data["state"]?.stringValue)
            let code = try #require(redirect.code)

            let callback = try await session.completeOAuth(code: code, state: try #require(redirect.state))
            try #require(callback.status == 201, "\(callback.text)")
            let connectionId = try #require(callback.data["connectionId"]?.stringValue)
            let connection = callback.data["connection"]
            #expect(callback.data["status"] == "connected")
            #expect(connection?["connectorId"] == "salesforce")
            #expect(connection?["authMethod"] == "oauth2")
            #expect(connection?["config"]?["instanceUrl"] == .string(salesforce.instanceURL))
            #expect(connection?["account"]?["user_id"] == .string(salesforce.org.adminUserId))

            let shown = try await session.get("/api/connections/\(connectionId)")
            #expect(shown.data["status"] == "connected")
            #expect(shown.data["config"]?["instanceUrl"] == .string(salesforce.instanceURL))

            let token = try await session.get("/api/connections/\(connectionId)/token")
            #expect(token.status == 200)
            #expect(token.data["type"] == "oauth2")
            #expect(Set(token.data["scopes"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["api", "refresh_token"])
            let shownKeys = Set(token.data.objectValue?.keys.map { $0 } ?? [])
            #expect(shownKeys.isSubset(of: ["connectionId", "type", "scopes", "expiresAt", "expired", "hint", "updatedAt"]), "\(shownKeys)")
            let issued = salesforce.issuedTokens
            #expect(issued.count == 2, "one access and one refresh token")
            let answers = [token.text, shown.text, callback.text]
            #expect(!issued.contains { secret in answers.contains { $0.contains(secret) } }, "an issued token is in an answer")
        }
    }

    @Test func pkceChallengeTheHostSentIsTheOneTheVerifierMatches() async throws {
        try await SalesforceHost.run { session, _ in
            let salesforce = session.salesforce
            let start = try await session.startOAuth()
            let challenge = try #require(start.data["codeChallenge"]?.stringValue)
            let redirect = try await OAuthBrowser.authorize(try #require(start.data["authUrl"]?.stringValue))

            // What the browser carried to Salesforce is the challenge the host announced, S256.
            let authorize = try #require(salesforce.exchanges.all.first { $0.path == "/services/oauth2/authorize" })
            let sent = URLComponents(string: "?" + authorize.query)?.queryItems ?? []
            #expect(sent.first { $0.name == "code_challenge" }?.value == challenge)
            #expect(sent.first { $0.name == "code_challenge_method" }?.value == "S256")

            let callback = try await session.completeOAuth(code: try #require(redirect.code), state: try #require(redirect.state))
            #expect(callback.status == 201, "\(callback.text)")
            // The code exchange carried a code_verifier, and the stand-in, which refuses any
            // verifier whose SHA-256 is not that challenge (invalid_grant), issued tokens for it.
            let exchange = try #require(salesforce.formSubmissions.first { $0.fieldNames.contains("code") })
            #expect(exchange.fieldNames.isSuperset(of: ["grant_type", "code", "code_verifier", "redirect_uri", "client_id", "client_secret"]))
            #expect(salesforce.tokenResponses.count == 1)
            // The client never needs (nor sees) the verifier: no such field in what the host answered.
            #expect(start.data["codeVerifier"] == nil)
        }
    }

    @Test func aRefusedCodeIsABadRequestAndAStateWorksOnce() async throws {
        try await SalesforceHost.run { session, _ in
            let first = try await session.authorizedCode()
            let wrong = try await session.completeOAuth(code: "aPrxnot-a-code-the-stand-in-issued==", state: first.state)
            #expect(wrong.status == 400)
            #expect(wrong.errorCode == "oauth_code_rejected")
            // A state is single use, right code or wrong.
            let retried = try await session.completeOAuth(code: first.code, state: first.state)
            #expect(retried.status == 409)
            #expect(retried.errorCode == "oauth_state_used")

            let second = try await session.authorizedCode()
            let connected = try await session.completeOAuth(code: second.code, state: second.state)
            #expect(connected.status == 201, "\(connected.text)")
            let replayed = try await session.completeOAuth(code: second.code, state: second.state)
            #expect(replayed.status == 409)
            #expect(replayed.errorCode == "oauth_state_used")

            let unknown = try await session.completeOAuth(code: second.code, state: "never-issued")
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "oauth_state_unknown")
            let connections = try await session.get("/api/connections?connectorId=salesforce")
            #expect(connections.data["items"]?.arrayValue?.count == 1)
        }
    }
}
