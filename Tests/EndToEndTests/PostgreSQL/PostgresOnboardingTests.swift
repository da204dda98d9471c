import ConnectorModel
import Testing

/// Connecting PostgreSQL over REST, both ways: the host has the plugin log in
/// to the real server before it stores anything, keeps the secret encrypted,
/// and shows only a masked hint of it.
@Suite struct PostgresOnboardingTests {
    static let table = "CREATE TABLE {s}.notes (id int PRIMARY KEY, body text); INSERT INTO {s}.notes VALUES (1, 'x');"

    @Test(arguments: PostgresLogin.allCases)
    func validCredentialsMakeAConnection(_ login: PostgresLogin) async throws {
        try await PostgresHost.run(Self.table) { session in
            let created = try await session.createConnection(login)
            #expect(created.status == 201, "\(created.text)")
            let connectionId = try #require(created.data["connectionId"]?.stringValue)
            #expect(created.data["status"] == "connected")
            let connection = created.data["connection"] ?? .null
            #expect(connection["authMethod"]?.stringValue == login.rawValue)
            #expect(connection["account"]?["role"]?.stringValue == session.owner.user)
            #expect(connection["account"]?["database"]?.stringValue == session.owner.database)
            // Only the non-secret fields of the basic form become the connection's settings.
            let settings = Set(connection["config"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(settings == (login == .basic ? ["host", "port", "database", "sslmode"] : []))

            let listed = try await session.connections()
            #expect(listed.ids == [connectionId])
            let validated = try await session.post("/api/connections/validate", ["connectionId": .string(connectionId)])
            #expect(validated.data["valid"] == true, "\(validated.text)")
            #expect(validated.data["details"]?["readableSchemas"]?.arrayValue?.contains(.string(session.fixture.schema)) == true)
            let containers = try await session.browse("containers", connectionId, ["limit": "100"])
            #expect(containers.status == 200, "\(containers.text)")
        }
    }

    @Test(arguments: PostgresLogin.allCases)
    func thePasswordIsShownOnlyAsAMaskedHint(_ login: PostgresLogin) async throws {
        try await PostgresHost.run(Self.table) { session in
            let connectionId = try await session.connect(login)
            let password = session.owner.password

            let token = try await session.get("/api/connections/\(connectionId)/token")
            #expect(token.status == 200, "\(token.text)")
            #expect(token.data["type"]?.stringValue == login.rawValue)
            let hint = try #require(token.data["hint"]?.stringValue)
            #expect(hint.hasPrefix("…") && hint.count <= 5, "hint: \(hint)")
            // The hint shows at most the password's last four characters; a URI gets none.
            #expect(hint == (login == .basic ? "…" + password.suffix(4) : "…"))

            // Every way a client can look at the connection, its history and its settings.
            _ = try await session.get("/api/connections/\(connectionId)")
            _ = try await session.connections()
            _ = try await session.post("/api/connections/validate", ["connectionId": .string(connectionId)])
            _ = try await session.browse("items", connectionId, ["containerId": session.fixture.id("notes"), "includeRaw": "true"])
            _ = try await session.get("/api/audit-logs?limit=100")
            _ = try await session.get("/api/connectors/postgresql")
            session.expectNowhere(password, "the password")
            session.expectNowhere(session.owner.uri, "the connection URI")
        }
    }
}
