import ConnectorModel
import StandIns
import Testing

/// A refresh token Salesforce no longer honours (the user revoked the app):
/// the call fails with 409 `needs_reauth`, and the connection says so.
@Suite struct SalesforceReauthorizationTests {
    @Test func aRevokedRefreshTokenMeansTheConnectionNeedsReauthorization() async throws {
        try await SalesforceHost.run { session, _ in
            let salesforce = session.salesforce
            let connectionId = try await session.connect()
            let refreshToken = try #require(salesforce.tokenResponses.first?["refresh_token"]?.stringValue)
            try await salesforce.revokeAsUser(refreshToken)

            let browsed = try await session.listContainers(connectionId)
            #expect(browsed.status == 409, "\(browsed.text)")
            #expect(browsed.errorCode == "needs_reauth")
            #expect(browsed.body["error"]?["details"]?["connectionId"] == .string(connectionId))
            #expect(salesforce.refreshTokenGrants == 1)

            let connection = try await session.get("/api/connections/\(connectionId)")
            #expect(connection.data["status"] == "needs_reauth")
            let audit = try await session.auditTrail()
            #expect(audit.contains { $0.action == "connection.needs_reauth" && $0.target == connectionId })

            // Connecting again brings a working connection.
            let reconnected = try await session.connect()
            #expect(try await session.listContainers(reconnected).status == 200)
        }
    }
}
