import ConnectorModel
import Testing

/// A connection whose stored credentials are replaced (POST
/// /api/connections/token) by a role with CONNECT only, no USAGE on the
/// fixture schema: the server refuses, the plugin says `forbidden`, and
/// validating marks the connection.
@Suite struct PostgresMissingPrivilegeTests {
    static let fixture = """
        CREATE TABLE {s}.notes (id int PRIMARY KEY, body text); INSERT INTO {s}.notes VALUES (1, 'x');
        COMMENT ON TABLE {s}.notes IS 'merger plans, board only';
        """

    /// A connection made as the owner, then switched to the CONNECT-only role.
    static func connectOnlyConnection(_ session: PostgresSession) async throws -> String {
        let connectionId = try await session.connect(.basic)
        let readOnly = session.database.readOnly
        let stored = try await session.post(
            "/api/connections/token",
            ["connectionId": .string(connectionId), "token": ["type": "basic", "username": .string(readOnly.user), "password": .string(readOnly.password)]])
        try #require(stored.status == 200, "\(stored.text)")
        return connectionId
    }

    @Test func rowsAndTablesAreForbidden() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await Self.connectOnlyConnection(session)
            let rows = try await session.browse("items", connectionId, ["containerId": session.fixture.id("notes")])
            // The plugin's code is kept; 403: the role needs a privilege, retrying will not help.
            #expect(rows.status == 403, "\(rows.text)")
            #expect(rows.errorCode == ErrorDocument.Code.forbidden)
            #expect(rows.body["error"]?["details"]?["sqlState"] == "42501")
            let tables = try await session.browse("items", connectionId, ["containerId": session.fixture.schema])
            #expect(tables.status == 403, "\(tables.text)")
            #expect(tables.errorCode == ErrorDocument.Code.forbidden)
            let schemas = try await session.browse("containers", connectionId, ["limit": "100"])
            #expect(schemas.status == 200, "\(schemas.text)")
            #expect(schemas.data["items"]?.arrayValue?.ids.contains(session.fixture.schema) == false)

            let validated = try await session.post("/api/connections/validate", ["connectionId": .string(connectionId)])
            #expect(validated.status == 200, "\(validated.text)")
            #expect(validated.data["valid"] == false)
            #expect(validated.data["account"]?["role"]?.stringValue == session.database.readOnly.user)
            #expect(try await session.get("/api/connections/\(connectionId)").data["status"] == "needs_reauth")
            session.expectNowhere(session.database.readOnly.password, "the CONNECT-only role's password")
        }
    }

    /// Like the tables of the schema: a role without USAGE on it gets no
    /// COMMENT ON text of its tables either.
    @Test func commentsOfATableInASchemaWithoutUsageAreForbidden() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await Self.connectOnlyConnection(session)
            let comments = try await session.browse("comments", connectionId, ["itemId": session.fixture.id("notes")])
            #expect(comments.status == 403, "\(comments.text)")
            #expect(comments.errorCode == ErrorDocument.Code.forbidden)
            #expect(!comments.text.contains("merger plans"))
        }
    }
}
