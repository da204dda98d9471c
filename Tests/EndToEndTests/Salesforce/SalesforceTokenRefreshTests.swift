import ConnectorModel
import StandIns
import Testing

/// Salesforce sessions end without notice (no `expires_in`): the host learns it
/// from a 401 (`auth_expired`), refreshes once, retries, and shares that one
/// refresh among every call that hit the expiry.
@Suite struct SalesforceTokenRefreshTests {
    @Test func anExpiredSessionIsRefreshedAndTheCallRetried() async throws {
        try await SalesforceHost.run { session, _ in
            let salesforce = session.salesforce
            let connectionId = try await session.connect()
            #expect(try await session.listContainers(connectionId).status == 200)
            #expect(salesforce.refreshTokenGrants == 0)

            salesforce.oauth.expireAccessTokens()
            let browsed = try await session.listContainers(connectionId)
            #expect(browsed.status == 200, "\(browsed.text)")
            #expect(browsed.data["items"]?.arrayValue?.isEmpty == false)
            #expect(salesforce.refreshTokenGrants == 1)
            // The new session is kept: the next call needs no refresh.
            #expect(try await session.listContainers(connectionId).status == 200)
            #expect(salesforce.refreshTokenGrants == 1)

            let audit = try await session.auditTrail()
            #expect(audit.contains { $0.action == "token.refreshed" && $0.target == connectionId })
            let connection = try await session.get("/api/connections/\(connectionId)")
            #expect(connection.data["status"] == "connected")
        }
    }

    @Test func everyLaterExpiryIsRefreshedTooWithTheSameRefreshToken() async throws {
        // The connected app's default: no rotation, so Salesforce sends no refresh token back and the first one stays good.
        try await SalesforceHost.run { session, harness in
            let salesforce = session.salesforce
            let connectionId = try await session.connect()
            for round in 1...3 {
                salesforce.oauth.expireAccessTokens()
                let browsed = try await session.listContainers(connectionId)
                #expect(browsed.status == 200, "round \(round): \(browsed.text)")
            }
            #expect(salesforce.refreshTokenGrants == 3)
            let connection = try await session.get("/api/connections/\(connectionId)")
            #expect(connection.data["status"] == "connected")
            let maskedGrant = harness.logs.text.contains("masked a secret the plugin returned")
            #expect(!maskedGrant, "the host masked the refresh token the refresh grant kept, and stored the mask")
        }
    }

    @Test func fiftyConcurrentCallsOnAnExpiredSessionShareOneRefresh() async throws {
        try await SalesforceHost.run { session, _ in
            let salesforce = session.salesforce
            let connectionId = try await session.connect()
            salesforce.oauth.expireAccessTokens()
            let statuses = try await withThrowingTaskGroup(of: HostReply.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await session.listContainers(connectionId) }
                }
                var replies: [HostReply] = []
                for try await reply in group { replies.append(reply) }
                return replies
            }
            #expect(statuses.count == 50)
            #expect(statuses.allSatisfy { $0.status == 200 }, "\(statuses.filter { $0.status != 200 }.prefix(3).map(\.text))")
            #expect(salesforce.refreshTokenGrants == 1, "the stand-in received \(salesforce.refreshTokenGrants) refresh-token grants")
            let refreshed = try await session.auditTrail().filter { $0.action == "token.refreshed" }
            #expect(refreshed.count == 1)
        }
    }

    @Test func aRotatedRefreshTokenIsKeptForTheNextRefresh() async throws {
        let rotating = SalesforceOAuthState.ConnectedApp(rotatesRefreshTokens: true)
        try await SalesforceHost.run(app: rotating) { session, _ in
            let salesforce = session.salesforce
            let connectionId = try await session.connect()
            for round in 1...3 {
                salesforce.oauth.expireAccessTokens()
                let browsed = try await session.listContainers(connectionId)
                #expect(browsed.status == 200, "round \(round): \(browsed.text)")
            }
            #expect(salesforce.refreshTokenGrants == 3)
            // Each refresh revoked the refresh token it used; the host kept the newest one.
            let refreshTokens = salesforce.tokenResponses.compactMap { $0["refresh_token"]?.stringValue }
            #expect(refreshTokens.count == 4)
            #expect(try await salesforce.acceptsRefreshToken(refreshTokens[0]) == false)
            let connection = try await session.get("/api/connections/\(connectionId)")
            #expect(connection.data["status"] == "connected")
        }
    }
}
