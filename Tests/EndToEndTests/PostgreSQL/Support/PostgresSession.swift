import ConnectorModel
import HTTPTypes
import HostTesting
import PostgresTestSupport
import Synchronization
import Testing

/// One test's view of a host serving the PostgreSQL connector: REST calls as
/// tenant `acme` (every answer kept, to look for secrets in), the fixture
/// schema and the test database behind it.
struct PostgresSession: Sendable {
    static let tenant = "acme"

    let client: APIClient
    let harness: HostHarness
    let fixture: PostgresFixture
    let replies = PostgresReplies()

    var database: PostgresDatabase { fixture.database }
    var owner: PostgresURL { fixture.database.owner }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIClient.Reply {
        let reply = try await client.request(method, path, headers: .tenant(Self.tenant), json: json, sourceLocation: sourceLocation)
        replies.append(reply)
        return reply
    }

    @discardableResult
    func get(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIClient.Reply {
        try await call(.get, path, sourceLocation: sourceLocation)
    }

    @discardableResult
    func post(_ path: String, _ json: JSONValue = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIClient.Reply {
        try await call(.post, path, json: json, sourceLocation: sourceLocation)
    }

    /// PATCH /api/connectors/postgresql with operator settings (admin: the harness runs in development auth mode).
    func configureConnector(_ config: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let reply = try await call(.patch, "/api/connectors/postgresql", json: ["config": config], sourceLocation: sourceLocation)
        try #require(reply.status == 200, "PATCH settings: \(reply.text)", sourceLocation: sourceLocation)
    }

    /// Checks that no answer and no log line so far holds `secret`.
    func expectNowhere(_ secret: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!replies.all.isEmpty, sourceLocation: sourceLocation)
        let leaks = replies.all.filter { $0.contains(secret) }
        #expect(leaks.isEmpty, "\(what) in \(leaks.count) answer(s): \(leaks.first?.prefix(300) ?? "")", sourceLocation: sourceLocation)
        #expect(!harness.logs.text.isEmpty, sourceLocation: sourceLocation)
        #expect(!harness.logs.text.contains(secret), "\(what) in the host's logs", sourceLocation: sourceLocation)
    }
}

/// Every answer a session received, headers and body.
final class PostgresReplies: Sendable {
    private let texts = Mutex<[String]>([])

    func append(_ reply: APIClient.Reply) {
        let headers = reply.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        texts.withLock { $0.append(headers + "\n" + reply.text) }
    }

    var all: [String] { texts.withLock { $0 } }
}
