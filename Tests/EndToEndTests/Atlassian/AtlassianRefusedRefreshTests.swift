import ConnectorModel
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// When Atlassian refuses the refresh token (rotated or revoked elsewhere),
    /// the client is told to authorize again, and the connection says so.
    @Suite struct AtlassianRefusedRefreshTests {
        @Test(arguments: AtlassianConnector.allCases)
        func aRefusedRefreshTokenMeansReauthorization(_ connector: AtlassianConnector) async throws {
            try await AtlassianHost.run { session in
                let cloud = session.cloud
                let connectionId = try await session.connectOAuth(connector)
                #expect(try await session.listContainers(connector, connectionId).status == 200)

                // Someone else redeems the refresh token: Atlassian rotates it, the host's copy is dead.
                let refreshToken = try #require(cloud.tokenResponses.last?["refresh_token"]?.stringValue)
                #expect(try await cloud.redeemRefreshToken(refreshToken).status == 200)
                cloud.identity.expireAccessTokens()

                let refused = try await session.listContainers(connector, connectionId)
                #expect(refused.status == 409, "\(refused.text)")
                #expect(refused.errorCode == "needs_reauth")
                #expect(refused.body["error"]?["details"]?["connectionId"] == .string(connectionId))
                #expect(try await session.connection(connectionId)["status"] == "needs_reauth")
                let audit = try await session.auditTrail()
                #expect(audit.contains { $0.action == "connection.needs_reauth" && $0.target == connectionId })
                #expect(!audit.contains { $0.action == "token.refreshed" })

                // A new authorization brings it back.
                let fresh = try await session.connectOAuth(connector)
                #expect(try await session.listContainers(connector, fresh).status == 200)
            }
        }
    }
}
