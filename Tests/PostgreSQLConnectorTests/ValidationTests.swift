import ConnectorModel
import ConnectorSDK
import Testing

@testable import PostgreSQLConnector

/// `validate` against the real server, with both credential forms.
@Suite struct ValidationTests {
    static let table = "CREATE TABLE {s}.notes (id int PRIMARY KEY, body text); INSERT INTO {s}.notes VALUES (1, 'x');"

    @Test(arguments: CredentialForm.allCases)
    func validCredentialsReportTheRoleAndReadableSchemas(_ form: CredentialForm) async throws {
        try await withHarness(Self.table, form: form) { harness in
            let result = try await harness.call(.validate, NoInput(), as: ValidationResult.self)
            #expect(result.valid, "\(result.message)")
            #expect(result.account?["role"]?.stringValue == harness.database.owner.user)
            #expect(result.account?["database"]?.stringValue == harness.database.owner.database)
            #expect(result.details?["readableSchemas"]?.arrayValue?.contains(.string(harness.schema)) == true)
            #expect(result.details?["canConnect"] == .bool(true))
            try harness.expectLogsFree(of: [harness.database.owner.password])
        }
    }

    @Test(arguments: CredentialForm.allCases)
    func aWrongPasswordIsInvalidCredentials(_ form: CredentialForm) async throws {
        try await withHarness(Self.table, form: form) { harness in
            let wrong = form.connection(harness.database.owner, password: "not-the-password-4711")
            let result = try await harness.call(.validate, NoInput(), connection: wrong, as: ValidationResult.self)
            #expect(!result.valid)
            #expect(result.details?["code"]?.stringValue == ErrorDocument.Code.invalidCredentials)
            #expect(result.message.contains("password authentication failed"))
            #expect(!result.message.contains("not-the-password-4711"))

            let error = await errorDocument {
                try await harness.call(.listContainers, ListRequest(), connection: wrong, as: Page<Container>.self)
            }
            #expect(error?.code == ErrorDocument.Code.invalidCredentials)
            #expect(error?.message.contains("not-the-password-4711") == false)
            #expect(!harness.host.logs.isEmpty)
            try harness.expectLogsFree(of: ["not-the-password-4711", harness.database.owner.password])
        }
    }

    @Test(arguments: CredentialForm.allCases)
    func anUnreachableHostIsUpstreamUnavailable(_ form: CredentialForm) async throws {
        try await withHarness(form: form) { harness in
            // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
            let closed = form.connection(harness.database.owner, port: 1)
            let result = try await harness.call(.validate, NoInput(), connection: closed, as: ValidationResult.self)
            #expect(!result.valid)
            #expect(result.details?["code"]?.stringValue == ErrorDocument.Code.upstreamUnavailable)
            #expect(try await harness.items(harness.schema).items.isEmpty, "the working connection is unaffected")
            let unreachable = await errorDocument {
                try await harness.call(.listContainers, ListRequest(), connection: closed, as: Page<Container>.self)
            }
            #expect(unreachable?.code == ErrorDocument.Code.upstreamUnavailable)
            #expect(unreachable?.message.contains(harness.database.owner.password) == false)
        }
    }

    @Test func aRoleWithConnectOnlyIsNotValidAndIsForbiddenToReadRows() async throws {
        try await withHarness(Self.table) { harness in
            let readOnly = CredentialForm.connectionString.connection(harness.database.readOnly)
            let result = try await harness.call(.validate, NoInput(), connection: readOnly, as: ValidationResult.self)
            #expect(!result.valid)
            #expect(result.account?["role"]?.stringValue == harness.database.readOnly.user)
            #expect(result.message.contains("can read no table"))
            #expect(result.details?["readableSchemas"] == .array([]))

            let error = await errorDocument {
                try await harness.call(.listItems, ListRequest(containerId: "\(harness.schema).notes"), connection: readOnly, as: Page<Item>.self)
            }
            #expect(error?.code == ErrorDocument.Code.forbidden)
            #expect(error?.details?["sqlState"]?.stringValue == "42501")
        }
    }

    @Test func anUnknownRoleOrDatabaseIsNamed() async throws {
        try await withHarness(form: .basic) { harness in
            var ghost = harness.connection
            ghost.credentials?.username = "no_such_role"
            let role = try await harness.call(.validate, NoInput(), connection: ghost, as: ValidationResult.self)
            #expect(role.details?["code"]?.stringValue == ErrorDocument.Code.invalidCredentials)
            var gone = harness.connection
            gone.config["database"] = "no_such_database"
            let database = try await harness.call(.validate, NoInput(), connection: gone, as: ValidationResult.self)
            #expect(!database.valid)
            #expect(database.details?["code"]?.stringValue == ErrorDocument.Code.notFound)
        }
    }

    @Test func aUsernameInTheConnectionConfigIsAcceptedToo() async throws {
        try await withHarness(Self.table, form: .basic) { harness in
            var connection = harness.connection
            connection.config["username"] = .string(harness.database.owner.user)
            connection.config["port"] = .number(Double(harness.database.owner.port))
            connection.credentials?.username = nil
            let result = try await harness.call(.validate, NoInput(), connection: connection, as: ValidationResult.self)
            #expect(result.valid, "\(result.message)")
        }
    }

    @Test func missingFieldsAreNamed() async throws {
        try await withHost { host in
            let connection = ConnectionContext(config: ["port": "5432"], credentials: Credentials(type: .basic, password: "pw"))
            let result = try await host.call(.validate, input: NoInput(), connection: connection, as: ValidationResult.self)
            #expect(!result.valid)
            #expect(result.message.contains("host, database, username"))
            #expect(result.details?["code"]?.stringValue == ErrorDocument.Code.notConfigured)
        }
    }

    @Test(arguments: [
        "postgresql://u:secret-pw@127.0.0.1:5432/db?passfile=/etc/shadow",
        "postgresql://u:secret-pw@127.0.0.1:5432/db?service=admin",
        "postgresql://u:secret-pw@%2Fvar%2Frun%2Fpostgresql/db",
        "postgresql://u:secret-pw@127.0.0.1:99999/db",
        "postgresql://u:secret-pw@127.0.0.1/db?sslmode=sometimes",
        "mysql://u:secret-pw@127.0.0.1/db",
        "postgresql://u:secret-pw@127.0.0.1/db?%zz=1",
    ])
    func connectionStringsThatReachBeyondTheServerAreRefused(_ uri: String) async throws {
        try await withHost { host in
            let connection = ConnectionContext(credentials: Credentials(type: .connectionString, secrets: ["connectionString": uri]))
            let result = try await host.call(.validate, input: NoInput(), connection: connection, as: ValidationResult.self)
            #expect(!result.valid)
            #expect(result.details?["code"]?.stringValue == ErrorDocument.Code.invalidInput)
            #expect(!result.message.contains("secret-pw"))
        }
    }
}
