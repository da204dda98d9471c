import ConnectorModel
import HostTesting
import Foundation
import HTTPTypes
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// Jira webhooks end to end: the host registers its own inbound URL with
    /// Jira, verifies what Jira delivers there (HS256 JWT signed with the app's
    /// secret), and forwards the normalized event to the tenant's callback,
    /// signed with the subscription's secret. Unsubscribing removes Jira's registration.
    @Suite struct JiraWebhookForwardingTests {
        @Test func aVerifiedDeliveryIsForwardedSignedAndUnsubscribingRemovesTheRegistration() async throws {
            try await CallbackReceiver.with { receiver in
                try await AtlassianHost.run { session in
                    let jira = session.cloud.jira
                    let connectionId = try await session.connectOAuth(.jira)
                    let subscribed = try await session.post(
                        "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url), "containerId": "ENG"])
                    try #require(subscribed.status == 201, "\(subscribed.text)")
                    let subscriptionId = try #require(subscribed.data["subscription"]?["id"]?.stringValue)
                    let secret = try #require(subscribed.data["signingSecret"]?.stringValue)
                    let inboundUrl = session.baseURL + "/api/webhooks/inbound/" + subscriptionId
                    #expect(subscribed.data["inboundUrl"] == .string(inboundUrl))
                    #expect(subscribed.data["subscription"]?["callbackUrl"] == .string(receiver.url))
                    #expect(subscribed.data["subscription"]?["expiresAt"] != nil, "Jira's 30-day expiry")

                    // Jira holds a registration pointing at the host's inbound URL.
                    let registration = try #require(jira.webhooks.first)
                    #expect(jira.webhooks.count == 1)
                    #expect(registration.url == inboundUrl)
                    #expect(registration.jqlFilter == "project = \"ENG\"")
                    #expect(subscribed.data["subscription"]?["providerIds"] == [.string(String(registration.id))])

                    // Jira delivers an issue update there.
                    let issue = try #require(jira.issue("ENG-2"))
                    let delivery = try #require(try await jira.deliveries("jira:issue_updated", issue: issue).first)
                    #expect(delivery.url == inboundUrl)
                    let accepted = try await session.deliver(delivery)
                    #expect(accepted.status == 202, "\(accepted.text)")
                    #expect(accepted.data["accepted"] == 1)

                    try await eventually("the tenant's callback to receive the event") { !receiver.received.isEmpty }
                    let received = try #require(receiver.received.first)
                    #expect(try await ConnectorSignature.verifies(received.headers["x-connector-signature"], body: received.body, secret: secret))
                    #expect(try await !ConnectorSignature.verifies(received.headers["x-connector-signature"], body: received.body + [0x20], secret: secret))
                    let forwarded = try #require(received.json)
                    #expect(forwarded["subscriptionId"] == .string(subscriptionId))
                    #expect(forwarded["connectionId"] == .string(connectionId))
                    #expect(forwarded["connectorId"] == "jira")
                    #expect(forwarded["deliveryId"] == .string(received.headers["x-connector-delivery"] ?? "missing"))
                    let event = try #require(forwarded["events"]?.arrayValue?.first)
                    #expect(forwarded["events"]?.arrayValue?.count == 1)
                    #expect(event["type"] == "item.updated")
                    #expect(event["providerType"] == "jira:issue_updated")
                    #expect(event["item"]?["key"] == "ENG-2")
                    #expect(event["item"]?["id"] == .string(String(issue.id)))
                    #expect(event["item"]?["url"] == "https://acme.atlassian.net/browse/ENG-2")

                    // A comment arrives as a comment event, its wiki markup as text.
                    let comment = try #require(try await jira.deliveries("comment_created", issue: issue, comment: (20_999, "Deployed to *staging*.")).first)
                    #expect(try await session.deliver(comment).status == 202)
                    try await eventually("the comment event") { receiver.received.count == 2 }
                    let commentEvent = try #require(receiver.received.last?.json?["events"]?.arrayValue?.first)
                    #expect(commentEvent["type"] == "comment.created")
                    #expect(commentEvent["comment"]?["body"] == "Deployed to *staging*.")

                    let listed = try await session.get("/api/connectors/jira/webhooks?connectionId=\(connectionId)")
                    #expect(listed.data.arrayValue?.ids == [subscriptionId])
                    #expect(!listed.text.contains(secret), "the signing secret is shown again")

                    let removed = try await session.delete("/api/connectors/jira/webhooks?subscriptionId=\(subscriptionId)")
                    #expect(removed.status == 200, "\(removed.text)")
                    #expect(jira.webhooks.isEmpty, "Jira still holds the registration")
                    #expect(try await session.get("/api/connectors/jira/webhooks?connectionId=\(connectionId)").data.arrayValue?.isEmpty == true)
                    let audit = try await session.auditTrail().map(\.action)
                    #expect(audit.contains("webhook.subscribed") && audit.contains("webhook.unsubscribed"))
                    #expect(session.replies.filter { $0.text.contains(secret) }.count == 1, "the signing secret is in more than the subscribe answer")
                }
            }
        }

        @Test func aCallbackThatFailsTwiceGetsTheDeliveryOnTheThirdAttempt() async throws {
            try await CallbackReceiver.with(failures: 2) { receiver in
                try await AtlassianHost.run(configure: { $0.webhookRetryBackoff = [.milliseconds(50), .milliseconds(50), .milliseconds(50)] }) { session in
                    let connectionId = try await session.connectOAuth(.jira)
                    let subscribed = try await session.post("/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url)])
                    try #require(subscribed.status == 201, "\(subscribed.text)")
                    let secret = try #require(subscribed.data["signingSecret"]?.stringValue)
                    let issue = try #require(session.cloud.jira.issue("OPS-1"))
                    let delivery = try #require(try await session.cloud.jira.deliveries("jira:issue_created", issue: issue).first)
                    #expect(try await session.deliver(delivery).status == 202)

                    try await eventually("the third attempt") { receiver.received.count >= 3 }
                    let attempts = receiver.received
                    #expect(attempts.map(\.status).prefix(3) == [500, 500, 200])
                    #expect(Set(attempts.compactMap { $0.headers["x-connector-delivery"] }).count == 1, "every attempt is the same delivery")
                    for attempt in attempts {
                        #expect(try await ConnectorSignature.verifies(attempt.headers["x-connector-signature"], body: attempt.body, secret: secret))
                    }
                    #expect(attempts.first?.json?["events"]?.arrayValue?.first?["type"] == "item.created")
                }
            }
        }

        @Test func aDeliveryTheCallbackNeverTakesIsGivenUpAndAudited() async throws {
            try await CallbackReceiver.with(failures: 1_000) { receiver in
                try await AtlassianHost.run(configure: { $0.webhookRetryBackoff = [.milliseconds(20), .milliseconds(20)] }) { session in
                    let connectionId = try await session.connectOAuth(.jira)
                    let subscribed = try await session.post(
                        "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url)])
                    let subscriptionId = try #require(subscribed.data["subscription"]?["id"]?.stringValue, "\(subscribed.text)")
                    let issue = try #require(session.cloud.jira.issue("ENG-1"))
                    let delivery = try #require(try await session.cloud.jira.deliveries("jira:issue_deleted", issue: issue).first)
                    #expect(try await session.deliver(delivery).status == 202)

                    try await eventually("the delivery to be given up") {
                        try await session.auditTrail().contains { $0.action == "webhook.delivery_failed" && $0.target == subscriptionId }
                    }
                    #expect(receiver.received.count == 3, "one attempt and one per backoff step")
                }
            }
        }
    }
}
