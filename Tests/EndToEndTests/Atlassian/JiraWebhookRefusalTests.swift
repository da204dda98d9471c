import ConnectorModel
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// What the host refuses about webhooks: deliveries Jira did not sign,
    /// subscriptions Jira cannot make (API-token connections), and Confluence,
    /// which has no webhooks for OAuth or API-token apps.
    @Suite struct JiraWebhookRefusalTests {
        @Test func aDeliveryWithABadTokenIsUnauthorizedAndNotForwarded() async throws {
            try await CallbackReceiver.with { receiver in
                try await AtlassianHost.run { session in
                    let jira = session.cloud.jira
                    let connectionId = try await session.connectOAuth(.jira)
                    let subscribed = try await session.post("/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url)])
                    try #require(subscribed.status == 201, "\(subscribed.text)")
                    let issue = try #require(jira.issue("ENG-5"))
                    let genuine = try #require(try await jira.deliveries("jira:issue_updated", issue: issue).first)

                    let now = AtlassianTime.now() / 1000
                    let forged = try await JiraStandIn.jwt(claims: ["iat": .number(Double(now)), "exp": .number(Double(now + 180))], secret: "not-the-app-secret")
                    let tampered = try await session.deliver(genuine, authorization: "Bearer \(forged)")
                    #expect(tampered.status == 401, "\(tampered.text)")
                    #expect(tampered.errorCode == "webhook_unverified")
                    let unsigned = try await session.deliver(genuine, authorization: "Basic bm90OmEtand0")
                    #expect(unsigned.status == 401)
                    #expect(unsigned.errorCode == "webhook_unverified")

                    // The genuine one still goes through, and it is the only one the callback ever sees.
                    #expect(try await session.deliver(genuine).status == 202)
                    try await eventually("the genuine delivery") { !receiver.received.isEmpty }
                    #expect(receiver.received.count == 1)

                    let unknown = try await session.rest.send(.post, "/api/webhooks/inbound/whk_unknown", headers: [.contentType: "application/json"], body: genuine.body)
                    #expect(unknown.status == 404)
                }
            }
        }

        @Test func withoutAPublicURLTheHostCannotSubscribe() async throws {
            try await AtlassianHost.run(configure: { $0.publicBaseURL = nil }) { session in
                let connectionId = try await session.connectOAuth(.jira)
                let refused = try await session.post(
                    "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": "https://app.example/hooks"])
                #expect(refused.status == 409)
                #expect(refused.errorCode == "not_configured")
                #expect(refused.body["error"]?["message"]?.stringValue?.contains("PUBLIC_BASE_URL") == true)
                #expect(session.cloud.jira.webhooks.isEmpty)
            }
        }

        @Test func anAPITokenConnectionCannotSubscribe() async throws {
            try await AtlassianHost.run { session in
                let connectionId = try await session.connectAPIToken(.jira)
                let refused = try await session.post(
                    "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": "https://app.example/hooks"])
                #expect(refused.errorCode == "webhooks_not_supported_for_auth_method", "\(refused.text)")
                #expect(refused.status == 409)
                #expect(refused.body["error"]?["details"]?["alternative"] == "incremental_sync")
                #expect(refused.body["error"]?["details"]?["authMethods"] == ["oauth2"])
                #expect(refused.body["error"]?["message"]?.stringValue?.contains("only for OAuth 2.0 apps") == true)
                #expect(session.cloud.jira.webhooks.isEmpty)
                #expect(session.cloud.apiExchanges(endingWith: "/webhook").isEmpty, "the host asked Jira anyway")
            }
        }

        @Test func confluenceSaysWebhooksAreNotSupportedAndWhatToUseInstead() async throws {
            try await AtlassianHost.run { session in
                let connectionId = try await session.connectOAuth(.confluence)
                let refused = try await session.post(
                    "/api/connectors/confluence/webhooks", ["connectionId": .string(connectionId), "callbackUrl": "https://app.example/hooks"])
                #expect(refused.status == 501)
                #expect(refused.errorCode == "webhooks_not_supported")
                #expect(refused.body["error"]?["details"]?["alternative"] == "incremental_sync")
                #expect(refused.body["error"]?["details"]?["connector"] == "confluence")
                #expect(refused.body["error"]?["message"]?.stringValue?.contains("Connect and Forge") == true)
            }
        }
    }
}
