import ConnectorModel
import PostgresTestSupport
import TestKit
import Testing

/// Revoking a PostgreSQL connection deletes its stored credentials; the
/// record stays, `revoked`, and every use of it is refused 409.
@Suite struct PostgresRevocationTests {
    static let table = "CREATE TABLE {s}.notes (id int PRIMARY KEY, body text, updated_at timestamptz NOT NULL DEFAULT now()); INSERT INTO {s}.notes (id, body) VALUES (1, 'x');"

    @Test(arguments: PostgresLogin.allCases)
    func aRevokedConnectionIsRefusedEverywhere(_ login: PostgresLogin) async throws {
        try await PostgresHost.run(Self.table) { session in
            try await session.configureConnector(["idleTimeoutSeconds": 1])
            let connectionId = try await session.connect(login)
            let notes = session.fixture.id("notes")
            #expect(try await session.browse("items", connectionId, ["containerId": notes]).status == 200)

            let revoked = try await session.post("/api/connections/revoke", ["connectionId": .string(connectionId)])
            #expect(revoked.status == 200, "\(revoked.text)")
            #expect(revoked.data["status"] == "revoked")
            #expect(revoked.data["revokedAtProvider"] == false, "PostgreSQL has nothing to revoke at the server")
            #expect(try await session.get("/api/connections/\(connectionId)").data["status"] == "revoked")

            let token = try await session.get("/api/connections/\(connectionId)/token")
            #expect(token.status == 404, "\(token.text)")
            #expect(token.errorCode == "token_not_found")
            let uses: [(String, [String: String])] = [("containers", [:]), ("items", ["containerId": notes]), ("comments", ["itemId": notes])]
            for (resource, query) in uses {
                let refused = try await session.browse(resource, connectionId, query)
                #expect(refused.status == 409, "\(resource): \(refused.text)")
                #expect(refused.errorCode == "connection_revoked", "\(resource)")
            }
            let validated = try await session.post("/api/connections/validate", ["connectionId": .string(connectionId)])
            #expect(validated.status == 409, "\(validated.text)")
            #expect(validated.errorCode == "connection_revoked")

            // The plugin's pooled sessions for the connection end with the idle timeout.
            try await eventually(timeout: .seconds(30), interval: .milliseconds(200), "the revoked connection's sessions to close") {
                try await PostgresPsql.sessions(of: connectionId, as: session.owner) == 0
            }
        }
    }
}
