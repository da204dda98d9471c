import ConnectorModel
import PostgresTestSupport
import Testing

/// The pool's session is terminated on the server in the middle of a sync job
/// (pages of two rows; the third waits at `PostgresGate`): the job fails with `upstream_unavailable`, readable in
/// the job, and an incremental job completes the sync from the checkpoint, with
/// no row lost or repeated in the feed.
@Suite struct PostgresDroppedConnectionTests {
    @Test func aSessionTerminatedMidSyncFailsTheJobAndTheNextJobCompletesIt() async throws {
        try await PostgresHost.run(PostgresGate.fixture, configure: { $0.syncPageSize = 2 }) { session in
            try await session.configureConnector(PostgresGate.settings)
            let connectionId = try await session.connect()
            let events = session.fixture.id("events")
            let owner = session.owner

            let jobId = try await session.startedJob(connectionId, mode: "full", table: events)
            try await PostgresGate.waitForReader(session, connectionId)
            let waiting = try await session.job(jobId)
            #expect(waiting["status"] == "running")
            #expect(waiting["pages"] == 2)
            #expect(waiting["records"] == 4)

            #expect(try await PostgresPsql.terminateSessions(of: connectionId, as: owner) == 1)
            try await PostgresGate.open(session)
            let failed = try await session.finishedJob(jobId)
            #expect(failed["status"] == "failed", "\(failed)")
            #expect(failed["error"]?["code"] == "upstream_unavailable", "\(failed)")
            #expect(failed["error"]?["message"]?.stringValue?.isEmpty == false)
            #expect(failed["pages"] == 2)
            let (partial, cursor) = try await session.feed(connectionId)
            #expect(partial.rowKeys == ["1", "2", "3", "4"])

            // The pool replaced the dead session; the next job continues from the checkpoint.
            let resumed = try await session.runJob(connectionId, mode: "incremental", table: events)
            #expect(resumed["status"] == "succeeded", "\(resumed)")
            #expect(resumed["records"] == 6)
            let (rest, _) = try await session.feed(connectionId, after: cursor)
            #expect(rest.rowKeys == ["5", "6", "7", "8", "9", "10"])
            let (all, _) = try await session.feed(connectionId)
            #expect(all.rowKeys.sorted() == (1...10).map(String.init).sorted(), "every row once")
            #expect(try await PostgresPsql.sessions(of: connectionId, as: owner) == 1)
        }
    }
}
