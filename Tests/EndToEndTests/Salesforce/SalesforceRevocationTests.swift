import ConnectorModel
import StandIns
import Testing

/// Revoking a connection revokes at Salesforce and forgets the secrets; the record stays, `revoked`.
@Suite struct SalesforceRevocationTests {
    @Test func revokeEndsTheGrantAtSalesforceAndDeletesTheToken() async throws {
        try await SalesforceHost.run { session, _ in
            let salesforce = session.salesforce
            let connectionId = try await session.connect()
            let refreshToken = try #require(salesforce.tokenResponses.first?["refresh_token"]?.stringValue)

            let revoked = try await session.post("/api/connectors/salesforce/revoke", ["connectionId": .string(connectionId)])
            #expect(revoked.status == 200, "\(revoked.text)")
            #expect(revoked.data["status"] == "revoked")
            #expect(revoked.data["revokedAtProvider"] == true)

            #expect(salesforce.revocations.map(\.fieldNames) == [["token"]])
            #expect(try await salesforce.acceptsRefreshToken(refreshToken) == false)

            let token = try await session.get("/api/connections/\(connectionId)/token")
            #expect(token.status == 404)
            #expect(token.errorCode == "token_not_found")
            let connection = try await session.get("/api/connections/\(connectionId)")
            #expect(connection.data["status"] == "revoked")
            let browsed = try await session.listContainers(connectionId)
            #expect(browsed.status == 409)
            #expect(browsed.errorCode == "connection_revoked")
            let audit = try await session.auditTrail()
            #expect(audit.contains { $0.action == "connection.revoked" && $0.target == connectionId })
        }
    }
}
