import ConnectorModel
import Testing

/// Credentials the server refuses (or cannot check) are answered 422
/// `credentials_invalid` with the plugin's reason, and nothing is stored.
@Suite struct PostgresRefusedCredentialsTests {
    static let table = "CREATE TABLE {s}.notes (id int PRIMARY KEY, body text); INSERT INTO {s}.notes VALUES (1, 'x');"

    @Test(arguments: PostgresLogin.allCases)
    func aWrongPasswordStoresNothing(_ login: PostgresLogin) async throws {
        try await PostgresHost.run(Self.table) { session in
            let wrong = "not-the-password-4711"
            let refused = try await session.createConnection(login, password: wrong)
            #expect(refused.status == 422, "\(refused.text)")
            #expect(refused.errorCode == "credentials_invalid")
            #expect(refused.body["error"]?["details"]?["code"]?.stringValue == ErrorDocument.Code.invalidCredentials)
            #expect(refused.body["error"]?["message"]?.stringValue?.contains("password authentication failed") == true, "\(refused.text)")
            #expect(try await session.connections().isEmpty)
            #expect(session.harness.logs.text.contains("validate failed"), "the plugin's own log lines are among those checked")
            session.expectNowhere(wrong, "the wrong password")
            session.expectNowhere(session.owner.password, "the real password")
        }
    }

    @Test(arguments: PostgresLogin.allCases)
    func anUnreachableServerStoresNothing(_ login: PostgresLogin) async throws {
        try await PostgresHost.run { session in
            // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
            let refused = try await session.createConnection(login, port: 1)
            #expect(refused.status == 422, "\(refused.text)")
            #expect(refused.errorCode == "credentials_invalid")
            #expect(refused.body["error"]?["details"]?["code"]?.stringValue == ErrorDocument.Code.upstreamUnavailable)
            #expect(try await session.connections().isEmpty)
            session.expectNowhere(session.owner.password, "the password")
        }
    }

    @Test(arguments: PostgresLogin.allCases)
    func aRoleThatCanReadNothingIsRefused(_ login: PostgresLogin) async throws {
        try await PostgresHost.run(Self.table) { session in
            let readOnly = session.database.readOnly
            let refused = try await session.createConnection(login, as: readOnly)
            #expect(refused.status == 422, "\(refused.text)")
            #expect(refused.errorCode == "credentials_invalid")
            #expect(refused.body["error"]?["message"]?.stringValue?.contains("can read no table") == true, "\(refused.text)")
            #expect(refused.body["error"]?["details"]?["readableSchemas"] == .array([]))
            #expect(try await session.connections().isEmpty)
            session.expectNowhere(readOnly.password, "the password")
        }
    }
}
