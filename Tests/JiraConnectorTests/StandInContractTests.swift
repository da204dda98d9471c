import ConnectorModel
import Egress
import Foundation
import Logging
import StandIns
import ConnectorTestSupport
import Testing

/// The stand-ins driven directly, the way a client would drive Atlassian,
/// including the endpoints and refusals the connectors never reach; every
/// answer is then checked against the vendor contracts (by `stop()`).
@Suite struct StandInContractTests {
    struct Client {
        let egress: EgressClient
        let authorization: String

        func send(_ method: String, _ url: String, json: JSONValue? = nil) async throws -> EgressResponse {
            var headers = [EgressHeader(name: "Authorization", value: authorization), EgressHeader(name: "Accept", value: "application/json")]
            if json != nil { headers.append(EgressHeader(name: "Content-Type", value: "application/json")) }
            return try await egress.send(EgressRequest(method: method, url: url, headers: headers, body: try json.map(WireCoding.encode) ?? []))
        }
    }

    func body(_ response: EgressResponse) throws -> JSONValue {
        try WireCoding.decode(JSONValue.self, from: response.body)
    }

    @Test func jiraEndpointsTheConnectorDoesNotUse() async throws {
        let harness = try await JiraHarness.start()
        let tokens = harness.identity.issueTokens(scopes: Set(AtlassianCloudStandIn.jiraScopes))
        let gateway = "\(harness.cloud.apiURL)/ex/jira/\(harness.jira.cloudId)/rest/api/3"
        let client = Client(egress: harness.egress, authorization: "Bearer \(tokens.accessToken)")

        // GET /search/jql: default fields are ids only; the token continues the same JQL only.
        let jql = "project = ENG ORDER BY key DESC".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let first = try body(try await client.send("GET", "\(gateway)/search/jql?jql=\(jql)&maxResults=20"))
        #expect(first["issues"]?.arrayValue?.count == 20)
        #expect(first["issues"]?.arrayValue?.first?["fields"] == nil)
        #expect(first["issues"]?.arrayValue?.first?["key"] == "ENG-45")
        let token = try #require(first["nextPageToken"]?.stringValue)
        let other = "project = OPS".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try await client.send("GET", "\(gateway)/search/jql?jql=\(other)&nextPageToken=\(token)").status == 400)
        let last = try body(try await client.send("GET", "\(gateway)/search/jql?jql=\(jql)&maxResults=50&nextPageToken=\(token)&fields=summary,updated"))
        #expect(last["isLast"] == true)
        #expect(last["nextPageToken"] == nil)
        #expect(last["issues"]?.arrayValue?.first?["fields"]?["summary"] != nil)
        #expect(try await client.send("GET", "\(gateway)/search/jql?jql=\("ORDER BY key".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").status == 400)

        // Webhooks: a filter Jira refuses, registration, listing, refresh, deletion.
        let refused = try body(try await client.send("POST", "\(gateway)/webhook", json: [
            "url": "https://h.example/x", "webhooks": [["events": ["jira:issue_created"], "jqlFilter": "project IS NOT EMPTY"]],
        ]))
        #expect(refused["webhookRegistrationResult"]?.arrayValue?.first?["errors"] != nil)
        let created = try body(try await client.send("POST", "\(gateway)/webhook", json: [
            "url": "https://h.example/x", "webhooks": [["events": ["jira:issue_created"], "jqlFilter": "project IN (ENG, OPS)"]],
        ]))
        let id = try #require(created["webhookRegistrationResult"]?.arrayValue?.first?["createdWebhookId"])
        let refreshed = try body(try await client.send("PUT", "\(gateway)/webhook/refresh", json: ["webhookIds": [id]]))
        #expect(refreshed["expirationDate"]?.intValue != nil)
        #expect(try body(try await client.send("GET", "\(gateway)/webhook?maxResults=1"))["values"]?.arrayValue?.count == 1)
        #expect(try await client.send("DELETE", "\(gateway)/webhook", json: ["webhookIds": [id]]).status == 202)

        // API tokens cannot manage webhooks; comments in reverse order.
        let basic = Data("\(harness.identity.account.email):\(harness.identity.account.apiToken)".utf8).base64EncodedString()
        let site = Client(egress: harness.egress, authorization: "Basic \(basic)")
        #expect(try await site.send("GET", "\(harness.cloud.siteURL)/rest/api/3/webhook").status == 403)
        let newestFirst = try body(try await site.send("GET", "\(harness.cloud.siteURL)/rest/api/3/issue/ENG-1/comment?orderBy=-created&maxResults=2"))
        #expect(newestFirst["total"] == 7)
        // A bearer token is refused on site paths, basic credentials on gateway paths.
        #expect(try await client.send("GET", "\(harness.cloud.siteURL)/rest/api/3/myself").status == 401)
        #expect(try await site.send("GET", "\(gateway)/myself").status == 401)
        await harness.stop()
    }

    @Test func oauthRefusalsAsAtlassianAnswersThem() async throws {
        let harness = try await JiraHarness.start()
        let auth = harness.cloud.authURL
        let app = harness.identity.app
        let plain = Client(egress: harness.egress, authorization: "")
        func authorize(_ query: [String: String]) async throws -> EgressResponse {
            var components = URLComponents(string: "\(auth)/authorize")!
            components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            return try await harness.egress.send(EgressRequest(url: components.url!.absoluteString))
        }
        let valid = [
            "audience": "api.atlassian.com", "client_id": app.clientId, "scope": "read:jira-work", "redirect_uri": OAuthBrowser.redirectURI,
            "state": "s1", "response_type": "code", "code_challenge": String(repeating: "a", count: 43), "code_challenge_method": "S256",
        ]
        #expect(try await authorize(valid.merging(["client_id": "other"]) { $1 }).status == 400)
        #expect(try await authorize(valid.merging(["redirect_uri": "https://evil.example/cb"]) { $1 }).status == 400)
        for broken in [["code_challenge_method": "plain"], ["state": ""], ["response_type": "token"], ["scope": "admin:everything"]] {
            let response = try await authorize(valid.merging(broken) { $1 })
            #expect(response.status == 302)
            #expect(response.header("location")?.contains("error=") == true)
        }
        let unsupported = try await plain.send("POST", "\(auth)/oauth/token", json: [
            "grant_type": "password", "client_id": .string(app.clientId), "client_secret": .string(app.clientSecret),
        ])
        #expect(unsupported.status == 400)
        let wrongSecret = try await plain.send("POST", "\(auth)/oauth/token", json: [
            "grant_type": "refresh_token", "client_id": .string(app.clientId), "client_secret": "nope", "refresh_token": "x",
        ])
        #expect(wrongSecret.status == 401)
        #expect(try body(wrongSecret)["error"] == "access_denied")
        let unknownToken = try await plain.send("GET", "\(harness.cloud.apiURL)/oauth/token/accessible-resources")
        #expect(unknownToken.status == 401)
        await harness.stop()
    }
}
