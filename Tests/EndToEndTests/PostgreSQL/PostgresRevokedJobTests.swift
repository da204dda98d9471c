import ConnectorModel
import Testing

/// Sync jobs and revocation: no job starts for a revoked connection, and a job
/// running when its connection is revoked stops at its next page, saying why.
@Suite struct PostgresRevokedJobTests {
    @Test func noJobStartsForARevokedConnection() async throws {
        try await PostgresHost.run(PostgresGate.fixture) { session in
            let connectionId = try await session.connect()
            let revoked = try await session.post("/api/connections/revoke", ["connectionId": .string(connectionId)])
            #expect(revoked.status == 200, "\(revoked.text)")
            let started = try await session.startJob(connectionId, mode: "full", table: session.fixture.id("events"))
            #expect(started.status == 409, "\(started.text)")
            #expect(started.errorCode == "connection_revoked")
        }
    }

    /// The job waits at `PostgresGate` in its third page while the connection is revoked.
    @Test func aRunningJobStopsWithConnectionRevoked() async throws {
        try await PostgresHost.run(PostgresGate.fixture, configure: { $0.syncPageSize = 2 }) { session in
            try await session.configureConnector(PostgresGate.settings)
            let connectionId = try await session.connect()
            let jobId = try await session.startedJob(connectionId, mode: "full", table: session.fixture.id("events"))
            try await PostgresGate.waitForReader(session, connectionId)

            let revoked = try await session.post("/api/connections/revoke", ["connectionId": .string(connectionId)])
            #expect(revoked.status == 200, "\(revoked.text)")
            try await PostgresGate.open(session)
            let job = try await session.finishedJob(jobId)
            #expect(job["status"] == "failed", "\(job)")
            #expect(job["error"]?["code"] == "connection_revoked", "\(job["error"] ?? .null)")
            // The page under way when the connection was revoked is the last one stored.
            #expect(job["pages"] == 3)
            #expect(try await session.feed(connectionId).entries.rowKeys == ["1", "2", "3", "4", "5", "6"])
        }
    }
}
