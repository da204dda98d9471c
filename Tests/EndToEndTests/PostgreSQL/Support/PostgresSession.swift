import ConnectorModel
import HostTesting
import PostgresTestSupport
import Testing

/// One test's view of a host serving the PostgreSQL connector: REST calls, the
/// fixture schema and the test database behind it.
struct PostgresSession: HostSession {
    static let feedPageSize = 4

    let rest: HostSocketClient
    let harness: HostHarness
    let fixture: PostgresFixture

    var database: PostgresDatabase { fixture.database }
    var owner: PostgresURL { fixture.database.owner }

    /// PATCH /api/connectors/postgresql with operator settings (admin: the harness runs in development auth mode).
    func configureConnector(_ config: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let reply = try await call(.patch, "/api/connectors/postgresql", json: ["config": config], sourceLocation: sourceLocation)
        try #require(reply.status == 200, "PATCH settings: \(reply.text)", sourceLocation: sourceLocation)
    }

    /// Checks that no answer and no log line so far holds `secret`.
    func expectNowhere(_ secret: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let answers = replies.map(\.everything)
        #expect(!answers.isEmpty, sourceLocation: sourceLocation)
        let leaks = answers.filter { $0.contains(secret) }
        #expect(leaks.isEmpty, "\(what) in \(leaks.count) answer(s): \(leaks.first?.prefix(300) ?? "")", sourceLocation: sourceLocation)
        #expect(!harness.logs.text.isEmpty, sourceLocation: sourceLocation)
        #expect(!harness.logs.text.contains(secret), "\(what) in the host's logs", sourceLocation: sourceLocation)
    }
}
