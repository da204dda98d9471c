import HostServer
import HostTesting
import PostgresTestSupport
import TestKit

/// A whole host serving the real PostgreSQL plugin (.so), a fixture schema of
/// the test's own in the test database, and a REST session over a socket.
enum PostgresHost {
    /// Runs `body` with a fresh host and fixture (`setup` creates its tables,
    /// `{s}` standing for the schema). The host is shut down and the schema
    /// dropped afterwards, even when `body` fails.
    static func run(
        _ setup: String = "", configure: (inout HostConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (PostgresSession) async throws -> Void
    ) async throws {
        let database = try await PostgresDatabase.shared()
        let fixture = try await PostgresFixture.make(database, setup)
        var failure: (any Error)?
        do {
            let harness = try await HostHarness.make(plugins: ["postgresql.so": try Repository.plugin("PostgreSQL")], configure: configure)
            defer { harness.remove() }
            try await harness.serve { rest in
                try await body(PostgresSession(rest: rest, harness: harness, fixture: fixture))
            }
        } catch {
            failure = error
        }
        try await fixture.drop()
        if let failure { throw failure }
    }
}
