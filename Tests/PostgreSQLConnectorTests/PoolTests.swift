import ConnectorModel
import ConnectorSDK
import Foundation
import PostgresTestSupport
import Testing

@testable import PostgreSQLConnector

/// The pool per connection id, observed from the server's side (`pg_stat_activity`).
@Suite struct PoolTests {
    static let fixture = """
        CREATE TABLE {s}.numbers (id int PRIMARY KEY);
        INSERT INTO {s}.numbers SELECT generate_series(1, 50);
        """

    @Test func concurrentCallsShareAtMostPoolSizeSessions() async throws {
        try await withHarness(Self.fixture, config: ["poolSize": 2]) { harness in
            let table = "\(harness.schema).numbers"
            let backends = "SELECT pid FROM pg_stat_activity WHERE application_name = 'ucp-postgresql/\(harness.connectionId)'"
            var seen: [Set<String>] = []
            for _ in 0..<2 {
                let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<16 {
                        group.addTask { try await harness.items(table, limit: 50).items.count }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(counts == Array(repeating: 50, count: 16))
                seen.append(Set(try await harness.fixture.sql(backends)))
            }
            #expect((1...2).contains(seen[0].count), "\(seen[0].count) sessions for poolSize 2")
            #expect((1...2).contains(seen[1].count), "\(seen[1].count) sessions for poolSize 2")
            #expect(seen[0].isSubset(of: seen[1]), "the second batch reused the first batch's sessions")
        }
    }

    @Test func idleSessionsAreClosedAfterTheIdleTimeout() async throws {
        // Long enough that a loaded machine still sees the session before the reaper does.
        try await withHarness(Self.fixture, config: ["idleTimeoutSeconds": 5]) { harness in
            _ = try await harness.items("\(harness.schema).numbers")
            let before = try await PostgresPsql.sessions(of: harness.connectionId, as: harness.database.owner)
            #expect(before == 1)
            var remaining = before
            for _ in 0..<300 where remaining > 0 {
                try await Task.sleep(for: .milliseconds(100))
                remaining = try await PostgresPsql.sessions(of: harness.connectionId, as: harness.database.owner)
            }
            #expect(remaining == 0, "the reaper closes the idle session")
            // A later call opens a new session as if nothing happened.
            #expect(try await harness.items("\(harness.schema).numbers", limit: 1).items.map(\.id) == ["1"])
        }
    }

    @Test func sessionsAreReadOnlyAndCarryTheStatementTimeout() async throws {
        try await withHarness(Self.fixture) { harness in
            let owner = harness.database.owner
            var parameters = ConnectionParameters()
            for (keyword, value) in [
                ("host", owner.host), ("port", String(owner.port)), ("dbname", owner.database), ("user", owner.user),
                ("password", owner.password), ("sslmode", "disable"),
            ] {
                parameters.set(keyword, value)
            }
            let configuration = PoolConfiguration(
                parameters: parameters, setup: SessionSetup(statementTimeoutMs: 4321), capacity: 1, idleTimeout: .seconds(60),
                threadName: "pool-test")
            let schema = harness.schema
            let settings = try await ConnectionPools().withDedicatedSession(configuration) { connection in
                try ["statement_timeout", "default_transaction_read_only", "TimeZone"].map {
                    try connection.execute("SELECT current_setting($1) AS value", [$0]).first?["value"]
                }
            }
            #expect(settings == ["4321ms", "on", "UTC"])
            let write = await #expect(throws: PostgresError.self) {
                try await ConnectionPools().withDedicatedSession(configuration) { connection in
                    try connection.execute("CREATE TABLE \(schema).written (id int)")
                }
            }
            #expect(write?.sqlState == "25006", "read_only_sql_transaction")
            #expect("\(parameters)".contains(owner.password) == false)
        }
    }

    @Test func shutdownClosesEverySession() async throws {
        let database = try await PostgresDatabase.shared()
        let fixture = try await PostgresFixture.make(database, Self.fixture)
        let connectionId = "shutdown-" + UUID().uuidString.prefix(8).lowercased()
        var failure: (any Error)?
        do {
            try await withHost { host in
                let connection = CredentialForm.basic.connection(database.owner)
                let settings = ConnectorSettings(config: ["poolSize": 3])
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            _ = try await host.call(
                                .listItems, input: ListRequest(containerId: "\(fixture.schema).numbers"), settings: settings,
                                connection: connection, connectionId: connectionId, as: Page<Item>.self)
                        }
                    }
                    try await group.waitForAll()
                }
                let open = try await PostgresPsql.sessions(of: connectionId, as: database.owner)
                #expect((1...3).contains(open))
            }
            // The server notices a closed session a moment after the client's Terminate message.
            var remaining = -1
            for _ in 0..<50 {
                remaining = try await PostgresPsql.sessions(of: connectionId, as: database.owner)
                if remaining == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(remaining == 0, "shutdown closed every session")
        } catch {
            failure = error
        }
        try await fixture.drop()
        if let failure { throw failure }
    }
}
