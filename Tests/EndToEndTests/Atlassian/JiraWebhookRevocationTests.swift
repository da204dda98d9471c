import ConnectorModel
import HostTesting
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// Revoking a connection ends its webhooks: Jira's registration goes while
    /// the host still holds credentials to remove it, and no later delivery
    /// reaches the tenant.
    @Suite struct JiraWebhookRevocationTests {
        @Test func revokingAConnectionEndsItsWebhooks() async throws {
            try await CallbackReceiver.with { receiver in
                try await AtlassianHost.run { session in
                    let jira = session.cloud.jira
                    let connectionId = try await session.connectOAuth(.jira)
                    let subscribed = try await session.post(
                        "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url)])
                    try #require(subscribed.status == 201, "\(subscribed.text)")
                    let subscriptionId = try #require(subscribed.data["subscription"]?["id"]?.stringValue)
                    let issue = try #require(jira.issue("ENG-7"))
                    // An event Jira had queued before the revocation, delivered after it.
                    let queued = try #require(try await jira.deliveries("jira:issue_updated", issue: issue).first)

                    let revoked = try await session.post("/api/connectors/jira/revoke", ["connectionId": .string(connectionId)])
                    try #require(revoked.status == 200, "\(revoked.text)")
                    #expect(jira.webhooks.isEmpty, "Jira still delivers to the revoked connection's registration")

                    let answered = try await session.deliver(queued)
                    #expect(answered.status != 202, "a delivery for a revoked connection was accepted: \(answered.text)")
                    // Nothing is left the tenant could not remove.
                    let listed = try await session.get("/api/connectors/jira/webhooks?connectionId=\(connectionId)")
                    if listed.data.arrayValue?.isEmpty == false {
                        let removed = try await session.delete("/api/connectors/jira/webhooks?subscriptionId=\(subscriptionId)")
                        #expect(removed.status == 200, "the subscription of a revoked connection cannot be deleted: \(removed.text)")
                    }

                    // A live connection's event arrives, so the forwarder ran; the revoked one's never did.
                    let live = try await session.connectOAuth(.jira)
                    let second = try await session.post("/api/connectors/jira/webhooks", ["connectionId": .string(live), "callbackUrl": .string(receiver.url)])
                    let liveId = try #require(second.data["subscription"]?["id"]?.stringValue, "\(second.text)")
                    let current = try await jira.deliveries("jira:issue_updated", issue: issue).filter { $0.url.hasSuffix("/" + liveId) }
                    #expect(try await session.deliver(try #require(current.first)).status == 202)
                    try await eventually("the live connection's event") { receiver.received.contains { $0.json?["connectionId"] == .string(live) } }
                    #expect(!receiver.received.contains { $0.json?["connectionId"] == .string(connectionId) }, "an event of the revoked connection reached the tenant")
                }
            }
        }
    }
}
