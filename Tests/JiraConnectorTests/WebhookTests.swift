import AtlassianCloud
import ConnectorSDK
import Foundation
import StandIns
import Testing

@testable import JiraConnector

/// Dynamic webhooks: registration with its 30-day expiry, JWT-verified
/// deliveries normalized into events, deletion; API-token connections are
/// pointed at incremental sync instead.
@Suite struct JiraWebhookTests {
    static func delivery(_ delivered: JiraDelivery) -> WebhookDelivery {
        WebhookDelivery(headers: delivered.headers, bodyBase64: Data(delivered.body).base64EncodedString())
    }

    @Test func subscribeVerifyAndUnsubscribe() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let subscription = try await harness.call(
            .subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://host.example.com/hooks/jira", containerId: "ENG"), connection: connection,
            as: WebhookSubscription.self)
        #expect(subscription.providerIds.count == 1)
        #expect(subscription.events == JiraConnector.defaultWebhookEvents)
        let expiry = try #require(subscription.expiresAt.flatMap(AtlassianTimestamp.init(parsing:)))
        #expect(expiry.date > Date().addingTimeInterval(29 * 86_400))
        let registered = try #require(harness.jira.webhooks.first)
        #expect(registered.jqlFilter == "project = \"ENG\"")
        #expect(String(registered.id) == subscription.providerIds.first)

        // Jira fires for an ENG issue, not for an OPS one.
        let issue = try #require(harness.jira.issue("ENG-2"))
        let deliveries = try await harness.jira.deliveries("jira:issue_updated", issue: issue)
        #expect(deliveries.map(\.url) == ["https://host.example.com/hooks/jira"])
        let elsewhere = try #require(harness.jira.issue("OPS-1"))
        #expect(try await harness.jira.deliveries("jira:issue_updated", issue: elsewhere).isEmpty)
        let verified = try await harness.call(.verifyWebhook, Self.delivery(try #require(deliveries.first)), connection: connection, as: WebhookVerification.self)
        #expect(verified.verified)
        let event = try #require(verified.events.first)
        #expect(event.type == "item.updated")
        #expect(event.providerType == "jira:issue_updated")
        #expect(event.item?.key == "ENG-2")
        #expect(event.item?.id == String(issue.id))
        #expect(event.item?.containerId == "ENG")
        #expect(event.item?.url == "https://acme.atlassian.net/browse/ENG-2")
        #expect(event.occurredAt?.hasSuffix("Z") == true)

        let comment = try await harness.jira.deliveries("comment_created", issue: issue, comment: (id: 20999, wikiMarkup: "Deployed to *staging*."))
        let commented = try await harness.call(.verifyWebhook, Self.delivery(try #require(comment.first)), connection: connection, as: WebhookVerification.self)
        #expect(commented.events.first?.type == "comment.created")
        #expect(commented.events.first?.comment?.body == "Deployed to *staging*.")
        #expect(commented.events.first?.comment?.itemId == String(issue.id))
        #expect(commented.events.first?.comment?.id == "20999")

        let removed = try await harness.call(
            .unsubscribeWebhook, WebhookUnsubscribeRequest(providerIds: subscription.providerIds), connection: connection, as: WebhookSubscription.self)
        #expect(removed.providerIds == subscription.providerIds)
        #expect(harness.jira.webhooks.isEmpty)
        await harness.stop()
    }

    @Test func deletionsArriveAsEvents() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        _ = try await harness.call(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/all"), connection: connection, as: WebhookSubscription.self)
        #expect(harness.jira.webhooks.first?.jqlFilter == "project != null")
        let deleted = try #require(harness.jira.deleteIssue("OPS-3"))
        let deliveries = try await harness.jira.deliveries("jira:issue_deleted", issue: deleted)
        let verified = try await harness.call(.verifyWebhook, Self.delivery(try #require(deliveries.first)), connection: connection, as: WebhookVerification.self)
        #expect(verified.events.map(\.type) == ["item.deleted"])
        #expect(verified.events.first?.item?.id == String(deleted.id))
        await harness.stop()
    }

    @Test func forgedAndExpiredTokensAreRefused() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        _ = try await harness.call(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x"), connection: connection, as: WebhookSubscription.self)
        let issue = try #require(harness.jira.issue("ENG-5"))
        let genuine = try #require(try await harness.jira.deliveries("jira:issue_created", issue: issue).first)
        let now = Int(Date().timeIntervalSince1970)

        let wrongKey = try await JiraStandIn.jwt(claims: ["iat": .number(Double(now)), "exp": .number(Double(now + 180))], secret: "someone-elses-secret")
        let expired = try await JiraStandIn.jwt(claims: ["iat": .number(Double(now - 7200)), "exp": .number(Double(now - 3600))], secret: harness.identity.app.clientSecret)
        let notYet = try await JiraStandIn.jwt(claims: ["nbf": .number(Double(now + 3600))], secret: harness.identity.app.clientSecret)
        let genuineToken = try #require(genuine.headers["authorization"]?.dropFirst("Bearer ".count))
        let parts = genuineToken.split(separator: ".")
        let unsigned = "\(Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))).\(parts[1])."
        let tampered = "\(parts[0]).\(Base64URL.encode(Array(#"{"exp":4102444800}"#.utf8))).\(parts[2])"

        for (name, header) in [("wrong key", "Bearer \(wrongKey)"), ("expired", "Bearer \(expired)"), ("not yet valid", "Bearer \(notYet)"),
                               ("alg none", "Bearer \(unsigned)"), ("tampered claims", "Bearer \(tampered)"), ("not a JWT", "Bearer abc"), ("basic", "Basic abc")] {
            var headers = genuine.headers
            headers["authorization"] = header
            let result = try await harness.call(
                .verifyWebhook, WebhookDelivery(headers: headers, bodyBase64: Data(genuine.body).base64EncodedString()), connection: connection,
                as: WebhookVerification.self)
            #expect(!result.verified, "\(name)")
            #expect(result.events.isEmpty, "\(name)")
            #expect(result.reason?.contains(harness.identity.app.clientSecret) == false)
        }
        var missing = genuine.headers
        missing["authorization"] = nil
        let unauthenticated = try await harness.call(
            .verifyWebhook, WebhookDelivery(headers: missing, bodyBase64: Data(genuine.body).base64EncodedString()), connection: connection, as: WebhookVerification.self)
        #expect(!unauthenticated.verified)
        await harness.stop()
    }

    @Test func aFailedExpiryLookupStillReturnsTheIds() async throws {
        let harness = try await JiraHarness.start()
        // The registration succeeds; the listing that reads the expiry fails.
        harness.jira.faults.injectNext(.slow(.zero))
        harness.jira.faults.injectNext(.status(500))
        let subscription = try await harness.call(
            .subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x"), connection: harness.oauthConnection(), as: WebhookSubscription.self)
        #expect(subscription.providerIds == harness.jira.webhooks.map { String($0.id) })
        #expect(subscription.expiresAt == nil)
        await harness.stop()
    }

    @Test func apiTokenConnectionsAreSentToIncrementalSync() async throws {
        let harness = try await JiraHarness.start()
        let refused = await harness.failure(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x"), connection: harness.apiTokenConnection())
        #expect(refused?.code == "webhooks_require_oauth")
        #expect(refused?.details?["alternative"] == "incremental_sync")
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        let manifest = harness.host.manifest
        #expect(manifest.operations.contains(.subscribeWebhook))
        #expect(manifest.capabilities?["webhooks"]?["alternative"] == "incremental_sync")
        await harness.stop()
    }

    @Test func unknownEventsAndIdsAreRefused() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let event = await harness.failure(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x", events: ["issue_exploded"]), connection: connection)
        #expect(event?.code == "invalid_input")
        let ids = await harness.failure(.unsubscribeWebhook, WebhookUnsubscribeRequest(providerIds: ["abc"]), connection: connection)
        #expect(ids?.code == "invalid_input")
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        await harness.stop()
    }

    @Test func verifyingWithoutTheClientSecretIsAConfigurationError() async throws {
        let harness = try await JiraHarness.start()
        let settings = ConnectorSettings(endpoints: harness.settings.endpoints)
        do {
            _ = try await harness.call(
                .verifyWebhook, WebhookDelivery(headers: ["authorization": "Bearer x.y.z"], bodyBase64: ""), connection: nil, settings: settings,
                as: WebhookVerification.self)
            Issue.record("verified without a secret")
        } catch let error as ErrorDocument {
            #expect(error.code == "not_configured")
        }
        await harness.stop()
    }
}

/// The host renews Jira's 30-day registrations before they lapse.
@Suite struct JiraWebhookRenewalTests {
    @Test func renewExtendsTheRegistrationsByIdAndReportsTheNewExpiry() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        #expect(harness.host.manifest.implements(.renewWebhook))
        let subscription = try await harness.call(
            .subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/renew"), connection: connection, as: WebhookSubscription.self)
        let renewed = try await harness.call(
            .renewWebhook, WebhookUnsubscribeRequest(providerIds: subscription.providerIds), connection: connection, as: WebhookSubscription.self)
        #expect(renewed.providerIds == subscription.providerIds)
        let before = try #require(subscription.expiresAt.flatMap(AtlassianTimestamp.init(parsing:)))
        let after = try #require(renewed.expiresAt.flatMap(AtlassianTimestamp.init(parsing:)))
        #expect(after.date >= before.date)
        #expect(harness.cloud.apiServer.exchanges.all.contains { $0.method == "PUT" && $0.path.hasSuffix("/rest/api/3/webhook/refresh") && $0.status == 200 })
        await harness.stop()
    }

    @Test func renewingNothingIsRefused() async throws {
        let harness = try await JiraHarness.start()
        let failure = await harness.failure(.renewWebhook, WebhookUnsubscribeRequest(providerIds: ["not-a-number"]), connection: harness.oauthConnection())
        #expect(failure?.code == "invalid_input")
        await harness.stop()
    }
}
