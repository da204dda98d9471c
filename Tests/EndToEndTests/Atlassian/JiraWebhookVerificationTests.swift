import ConnectorModel
import Foundation
import HostTesting
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// Jira signs deliveries with the app's secret, not the user's token:
    /// verifying one needs neither a fresh access token nor a working refresh token.
    @Suite struct JiraWebhookVerificationTests {
        @Test func aDeliveryIsVerifiedWithoutRefreshingTheUsersToken() async throws {
            try await CallbackReceiver.with { receiver in
                try await AtlassianHost.run { session in
                    let cloud = session.cloud
                    let connectionId = try await session.connectOAuth(.jira)
                    let subscribed = try await session.post(
                        "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url)])
                    try #require(subscribed.status == 201, "\(subscribed.text)")

                    // The stored access token is about to expire, and its refresh token was used up elsewhere.
                    let issued = try #require(cloud.tokenResponses.last)
                    #expect(try await cloud.redeemRefreshToken(try #require(issued["refresh_token"]?.stringValue)).status == 200)
                    let soon = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))
                    let stored = try await session.post(
                        "/api/connections/token",
                        ["connectionId": .string(connectionId), "token": ["type": "oauth2", "accessToken": issued["access_token"] ?? .null,
                                                                          "refreshToken": issued["refresh_token"] ?? .null, "expiresAt": .string(soon)]])
                    try #require(stored.status == 200, "\(stored.text)")
                    let tokenRequests = cloud.hostTokenRequests

                    let issue = try #require(cloud.jira.issue("ENG-4"))
                    let delivery = try #require(try await cloud.jira.deliveries("jira:issue_updated", issue: issue).first)
                    let answered = try await session.deliver(delivery)
                    #expect(answered.status == 202, "a genuine delivery was refused: \(answered.text)")
                    #expect(cloud.hostTokenRequests == tokenRequests, "receiving a webhook asked Atlassian for a token")
                    #expect(try await session.connection(connectionId)["status"] == "connected", "a webhook delivery changed the connection's status")
                    if answered.status == 202 {
                        try await eventually("the forwarded event") { !receiver.received.isEmpty }
                    }
                }
            }
        }
    }
}
