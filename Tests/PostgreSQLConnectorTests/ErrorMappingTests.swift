import ConnectorModel
import Testing

@testable import PostgreSQLConnector

/// The one mapping from libpq and server failures to stable codes, as plain data.
@Suite struct ErrorMappingTests {
    @Test(arguments: [
        (PostgresError(.server, sqlState: "57014", message: "canceling statement due to statement timeout"), "upstream_timeout"),
        (PostgresError(.server, sqlState: "42501", message: "permission denied for table t"), ErrorDocument.Code.forbidden),
        (PostgresError(.server, sqlState: "42P01", message: "relation does not exist"), ErrorDocument.Code.notFound),
        (PostgresError(.server, sqlState: "22P02", message: "invalid input syntax for type integer"), ErrorDocument.Code.invalidInput),
        (PostgresError(.server, sqlState: "53300", message: "too many connections"), ErrorDocument.Code.upstreamUnavailable),
        (PostgresError(.server, sqlState: "XX000", message: "internal error"), ErrorDocument.Code.upstreamBadResponse),
        (PostgresError(.connectionLost, sqlState: "57P01", message: "terminating connection"), ErrorDocument.Code.upstreamUnavailable),
        (PostgresError(.connectionFailed, message: #"FATAL: password authentication failed for user "u""#), ErrorDocument.Code.invalidCredentials),
        (PostgresError(.connectionFailed, message: #"FATAL: role "ghost" does not exist"#), ErrorDocument.Code.invalidCredentials),
        (PostgresError(.connectionFailed, message: #"FATAL: database "gone" does not exist"#), ErrorDocument.Code.notFound),
        (PostgresError(.connectionFailed, message: #"FATAL: permission denied for database "db""#), ErrorDocument.Code.forbidden),
        (PostgresError(.connectionFailed, message: "Connection refused"), ErrorDocument.Code.upstreamUnavailable),
        (PostgresError(.closed, message: "The connector is shutting down."), ErrorDocument.Code.upstreamUnavailable),
    ])
    func mapsToStableCodes(_ error: PostgresError, _ code: String) {
        #expect(ErrorDocument(error, statementTimeoutMs: 1000, secrets: []).code == code)
    }

    @Test func messagesNeverCarryTheSecrets() {
        let error = PostgresError(.server, sqlState: "22P02", message: #"invalid input syntax for type integer: "hunter2-secret""#)
        let document = ErrorDocument(error, statementTimeoutMs: 1000, secrets: ["hunter2-secret"])
        #expect(!document.message.contains("hunter2-secret"))
        #expect(document.message.contains("***"))
        #expect(document.details?["sqlState"]?.stringValue == "22P02")
    }
}
