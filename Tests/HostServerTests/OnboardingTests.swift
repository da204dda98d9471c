import HostTesting
import ConnectorModel
import Foundation
import HTTPTypes
import Store
import TestKit
import Testing

@Suite struct APIKeyOnboardingTests {
    static let tenant = HTTPFields.tenant("acme")

    @Test func connectReturnsTheFieldsTheManifestDeclares() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let hint = try await client.post("/api/connectors/fixture/connect", headers: Self.tenant, json: ["method": "api_key"])
            #expect(hint.data["method"] == "api_key")
            #expect(hint.data["fields"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["siteUrl", "apiKey"])
        }
    }

    @Test func validCredentialsAreValidatedThenStoredEncrypted() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        let apiKey = "good-key-4f1b9c7e2d"
        try await harness.test { client in
            let connected = try await client.post(
                "/api/connectors/fixture/connect/callback", headers: Self.tenant,
                json: ["workspaceId": "ws-1", "siteUrl": "https://acme.example", "apiKey": .string(apiKey)])
            #expect(connected.status == 201)
            #expect(connected.data["status"] == "connected")
            let id = try #require(connected.data["connectionId"]?.stringValue)
            #expect(connected.data["connection"]?["config"]?["siteUrl"] == "https://acme.example")
            #expect(connected.data["connection"]?["account"]?["name"] == "fixture-user")
            #expect(!connected.text.contains(apiKey))

            let token = try await client.get("/api/connections/\(id)/token", headers: Self.tenant)
            #expect(token.data["type"] == "api_key")
            #expect(token.data["hint"] == "…7e2d")
            #expect(!token.text.contains(apiKey))

            let listed = try await client.get("/api/connections", headers: Self.tenant)
            #expect(listed.data["items"]?.arrayValue?.count == 1)
            let validated = try await client.post("/api/connections/validate", headers: Self.tenant, json: ["connectionId": .string(id)])
            #expect(validated.data["valid"] == true)
        }
        let token = try #require(try await harness.host.store.allTokens(afterConnectionId: nil, limit: 10).first)
        #expect(!token.ciphertext.contains(apiKey))
        #expect(!harness.logs.text.contains(apiKey))
        let audit = try await harness.host.store.auditLogs(tenantId: "acme", beforeId: nil, limit: 10).map(\.action)
        #expect(audit.contains("connection.connected") && audit.contains("token.stored") && audit.contains("connection.validated"))
    }

    @Test func rejectedCredentialsStoreNothing() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let refused = try await client.post(
                "/api/connectors/fixture/connect/callback", headers: Self.tenant, json: ["siteUrl": "https://acme.example", "apiKey": "wrong-key"])
            #expect(refused.status == 422)
            #expect(refused.errorCode == "credentials_invalid")
            let missing = try await client.post("/api/connectors/fixture/connect/callback", headers: Self.tenant, json: ["apiKey": "k-123456"])
            #expect(missing.status == 400)
            #expect(missing.body["error"]?["details"]?["fields"] == ["siteUrl"])
            let listed = try await client.get("/api/connections", headers: Self.tenant)
            #expect(listed.data["items"] == [])
        }
        #expect(try await harness.host.store.allTokens(afterConnectionId: nil, limit: 10).isEmpty)
    }

    @Test func revokeDeletesTheSecretsAndKeepsTheRecord() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let connected = try await client.post(
                "/api/connectors/fixture/connect/callback", headers: Self.tenant, json: ["siteUrl": "https://a.example", "apiKey": "key-to-revoke-1"])
            let id = try #require(connected.data["connectionId"]?.stringValue)
            let revoked = try await client.post("/api/connectors/fixture/revoke", headers: Self.tenant, json: ["connectionId": .string(id)])
            #expect(revoked.data["status"] == "revoked")
            #expect(revoked.data["revokedAtProvider"] == false)
            let token = try await client.get("/api/connections/\(id)/token", headers: Self.tenant)
            #expect(token.status == 404)
            let shown = try await client.get("/api/connections/\(id)", headers: Self.tenant)
            #expect(shown.data["status"] == "revoked")
        }
    }
}

@Suite struct OAuthStateTests {
    static let tenant = HTTPFields.tenant("acme")

    static func harness() async throws -> HostHarness {
        try await HostHarness.make(plugins: ["jira.so": try Repository.plugin("Jira")])
    }

    static func configure(_ client: APIClient) async throws {
        try await client.request(.patch, "/api/connectors/jira", json: ["config": ["clientId": "client-1", "clientSecret": "client-secret-abcdef"]])
    }

    @Test func startReturnsAnAuthorizationURLWithPKCEAndKeepsTheVerifierHere() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.test { client in
            let unconfigured = try await client.post(
                "/api/connectors/jira/connect", headers: Self.tenant, json: ["method": "oauth2", "redirectUri": "https://app.example/cb"])
            #expect(unconfigured.status == 409)
            #expect(unconfigured.errorCode == "not_configured")
            try await Self.configure(client)
            let started = try await client.post(
                "/api/connectors/jira/connect", headers: Self.tenant,
                json: ["workspaceId": "ws-1", "method": "oauth2", "redirectUri": "https://app.example/cb", "scopes": ["read:jira-work"]])
            #expect(started.status == 200)
            let url = try #require(started.data["authUrl"]?.stringValue.flatMap(URLComponents.init(string:)))
            let query = Dictionary(uniqueKeysWithValues: (url.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(url.host == "auth.atlassian.com" && url.path == "/authorize")
            #expect(query["client_id"] == "client-1")
            #expect(query["code_challenge_method"] == "S256")
            #expect(query["code_challenge"]?.count == 43)
            #expect(query["state"] == started.data["state"]?.stringValue)
            #expect(query["audience"] == "api.atlassian.com")
            #expect(query["redirect_uri"] == "https://app.example/cb")
            #expect(started.data["codeVerifier"] == nil)
            #expect(!started.text.contains("verifier"))
        }
    }

    @Test func callbackRefusesUnknownReplayedExpiredForeignAndForgedStates() async throws {
        let harness = try await Self.harness()
        defer { harness.remove() }
        try await harness.test { client in
            try await Self.configure(client)
            let started = try await client.post(
                "/api/connectors/jira/connect", headers: Self.tenant,
                json: ["method": "oauth2", "redirectUri": "https://app.example/cb", "csrfToken": "csrf-abc"])
            let state = try #require(started.data["state"]?.stringValue)

            let unknown = try await client.post(
                "/api/connectors/jira/connect/callback", headers: Self.tenant, json: ["code": "c", "state": "never-issued"])
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "oauth_state_unknown")

            let foreign = try await client.post(
                "/api/connectors/jira/connect/callback", headers: .tenant("globex"), json: ["code": "c", "state": .string(state), "csrfToken": "csrf-abc"])
            #expect(foreign.status == 403)
            #expect(foreign.errorCode == "oauth_state_wrong_tenant")

            let forged = try await client.post(
                "/api/connectors/jira/connect/callback", headers: Self.tenant, json: ["code": "c", "state": .string(state), "csrfToken": "other"])
            #expect(forged.status == 403)
            #expect(forged.errorCode == "csrf_mismatch")

            // Replay: a consumed state is refused as used.
            let session = try #require(try await harness.host.store.oauthSession(state: state))
            _ = try await harness.host.store.consumeOAuthSession(state: state, tenantId: "acme", at: Date())
            let replay = try await client.post(
                "/api/connectors/jira/connect/callback", headers: Self.tenant, json: ["code": "c", "state": .string(state), "csrfToken": "csrf-abc"])
            #expect(replay.status == 409)
            #expect(replay.errorCode == "oauth_state_used")

            // Expired: a session whose lifetime passed.
            var expired = session
            expired.state = "expired-state-1"
            expired.consumedAt = nil
            expired.expiresAt = Date(timeIntervalSinceNow: -5)
            try await harness.host.store.insertOAuthSession(expired)
            let late = try await client.post(
                "/api/connectors/jira/connect/callback", headers: Self.tenant, json: ["code": "c", "state": "expired-state-1", "csrfToken": "csrf-abc"])
            #expect(late.status == 410)
            #expect(late.errorCode == "oauth_state_expired")
        }
    }
}
