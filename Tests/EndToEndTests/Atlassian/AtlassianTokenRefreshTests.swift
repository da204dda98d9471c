import ConnectorModel
import Foundation
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// An access token about to expire is refreshed before use, once for any
    /// number of concurrent calls; Atlassian rotates the refresh token, and the
    /// host keeps the new one.
    @Suite struct AtlassianTokenRefreshTests {
        @Test func fiftyConcurrentCallsOnAnExpiringTokenShareOneRefresh() async throws {
            try await AtlassianHost.run { session in
                let cloud = session.cloud
                let connectionId = try await session.connectOAuth(.jira)
                let issued = try #require(cloud.tokenResponses.last)
                let firstRefreshToken = try #require(issued["refresh_token"]?.stringValue)
                try await storeExpiringSoon(issued, connectionId, session)
                let grantsBefore = cloud.hostTokenRequests

                let replies = try await withThrowingTaskGroup(of: HostReply.self) { group in
                    for _ in 0..<50 {
                        group.addTask { try await session.listContainers(.jira, connectionId) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(replies.count == 50)
                #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.filter { $0.status != 200 }.prefix(3).map(\.text))")
                #expect(cloud.hostTokenRequests - grantsBefore == 1, "refresh grants: \(cloud.hostTokenRequests - grantsBefore)")

                let rotated = try #require(cloud.tokenResponses.last?["refresh_token"]?.stringValue)
                #expect(rotated != firstRefreshToken)
                let token = try await session.get("/api/connections/\(connectionId)/token")
                let expiresAt = try #require(token.data["expiresAt"]?.stringValue.flatMap(Self.date))
                #expect(expiresAt > Date().addingTimeInterval(600), "the stored token is the refreshed one")
                #expect(try await cloud.redeemRefreshToken(firstRefreshToken).status == 403, "the replaced refresh token still works")

                // Every access token ends; the host refreshes with what it stored, which must be the rotated token.
                cloud.identity.expireAccessTokens()
                let afterExpiry = try await session.listContainers(.jira, connectionId)
                #expect(afterExpiry.status == 200, "\(afterExpiry.text)")
                #expect(cloud.hostTokenRequests - grantsBefore == 2)
                #expect(try await session.connection(connectionId)["status"] == "connected")
                let refreshed = try await session.auditTrail().filter { $0.action == "token.refreshed" }
                #expect(refreshed.count == 2)
                #expect(refreshed.allSatisfy { $0.target == connectionId })
            }
        }

        @Test(arguments: AtlassianConnector.allCases)
        func anExpiredTokenIsRefreshedOnceAndTheCallRetried(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let cloud = session.cloud
                let connectionId = try await session.connectOAuth(connector)
                cloud.identity.expireAccessTokens()
                let grantsBefore = cloud.hostTokenRequests
                let replies = try await withThrowingTaskGroup(of: HostReply.self) { group in
                    for _ in 0..<20 {
                        group.addTask { try await session.listContainers(connector, connectionId) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.filter { $0.status != 200 }.prefix(3).map(\.text))")
                #expect(cloud.hostTokenRequests - grantsBefore == 1)
                #expect(try await session.auditTrail().filter { $0.action == "token.refreshed" }.count == 1)
            }
        }

        /// Stores the connection's own tokens again through POST /api/connections/token,
        /// now said to expire in a minute: inside the host's two-minute refresh margin.
        private func storeExpiringSoon(_ issued: JSONValue, _ connectionId: String, _ session: AtlassianSession) async throws {
            let soon = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))
            let stored = try await session.post(
                "/api/connections/token",
                [
                    "connectionId": .string(connectionId),
                    "token": [
                        "type": "oauth2", "accessToken": issued["access_token"] ?? .null, "refreshToken": issued["refresh_token"] ?? .null,
                        "expiresAt": .string(soon), "scopes": .array(AtlassianConnector.jira.defaultScopes.map { .string($0) }),
                    ],
                ])
            try #require(stored.status == 200, "storing the token: \(stored.text)")
            #expect(stored.data["expired"] == false)
        }

        private static func date(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text)
        }
    }
}
