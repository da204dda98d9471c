import ConnectorModel
import StandIns
import Testing

/// No token the stand-in issued, nor the connected app's secret, shows up in
/// the host's logs, in any answer of its REST API, or in any URL it requested.
@Suite struct SalesforceSecretHandlingTests {
    @Test func noSecretInLogsAnswersOrRequestedURLs() async throws {
        let rotating = SalesforceOAuthState.ConnectedApp(rotatesRefreshTokens: true)
        try await SalesforceHost.run(app: rotating, configure: { $0.syncPageSize = 5 }) { session, harness in
            let salesforce = session.salesforce
            salesforce.org.insertAccounts(8)
            let connectionId = try await session.connect()
            try await exercise(session, connectionId)

            let secrets = salesforce.issuedTokens + [salesforce.oauth.app.clientSecret]
            #expect(secrets.count >= 5, "tokens from the code exchange and two rotating refreshes")
            let places: [(name: String, texts: [String])] = [
                ("the host's logs", [harness.logs.text]), ("a REST answer", session.replies.map(\.everything)),
                ("a URL the host requested", salesforce.exchanges.all.map { $0.path + "?" + $0.query }),
            ]
            #expect(harness.logs.all.count > 10)
            #expect(session.replies.count > 15)
            // Named by position only, so a failure does not print the secret itself.
            let leaks = secrets.enumerated().flatMap { index, secret in
                places.filter { $0.texts.contains { $0.contains(secret) } }.map { "secret #\(index) is in \($0.name)" }
            }
            #expect(leaks.isEmpty, "\(leaks)")
        }
    }

    /// Everything a connection goes through: browsing, expiry and refresh, a
    /// sync, provider failures, a refused refresh, revocation.
    private func exercise(_ session: SalesforceSession, _ connectionId: String) async throws {
        let salesforce = session.salesforce
        try await session.get("/api/connections/\(connectionId)")
        try await session.get("/api/connections/\(connectionId)/token")
        try await session.get("/api/connections?connectorId=salesforce")
        _ = try await session.browseAll("items", connectionId, query: "&containerId=Account", limit: 3)
        salesforce.oauth.expireAccessTokens()
        #expect(try await session.listContainers(connectionId).status == 200)
        let job = try await session.startedJob(connectionId, mode: "full")
        #expect(try await session.finishedJob(job)["status"] == "succeeded")
        _ = try await session.feed(connectionId)
        salesforce.oauth.expireAccessTokens()
        salesforce.inject(.serverError)
        #expect(try await session.listContainers(connectionId).status == 502)
        salesforce.inject(.garbage(status: 200))
        #expect(try await session.listContainers(connectionId).status == 502)
        try await session.post("/api/connectors/salesforce/validate", ["connectionId": .string(connectionId)])
        try await session.get("/api/audit-logs?limit=100")
        #expect(try await session.post("/api/connectors/salesforce/revoke", ["connectionId": .string(connectionId)]).status == 200)
        // A second connection whose refresh the user revoked: the refused refresh is logged and answered too.
        let second = try await session.connect()
        let refresh = try #require(salesforce.tokenResponses.last?["refresh_token"]?.stringValue)
        try await salesforce.revokeAsUser(refresh)
        #expect(try await session.listContainers(second).status == 409)
    }
}
