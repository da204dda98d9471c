import ConnectorModel
import StandIns
import Testing

/// Who may start a sync job, and when: a connection of the caller's tenant, one job per stream at a time.
@Suite struct SalesforceJobRulesTests {
    @Test func aJobForAnUnknownConnectionIsNotFound() async throws {
        try await SalesforceHost.run { session, _ in
            let started = try await session.startJob("conn_unknown", mode: "full")
            #expect(started.status == 404)
            #expect(started.errorCode == "connection_not_found")
            let acmeConnection = try await session.connect()
            let foreign = try await session.post(
                "/api/connectors/salesforce/jobs", ["connectionId": .string(acmeConnection), "mode": "full", "containerId": "Account"], tenant: "globex")
            #expect(foreign.status == 404)
        }
    }

    @Test func aSecondJobWhileOneRunsIsAConflict() async throws {
        try await SalesforceHost.run(configure: { $0.syncPageSize = 5 }) { session, _ in
            let salesforce = session.salesforce
            salesforce.org.insertAccounts(12)
            let connectionId = try await session.connect()
            // Salesforce answers slowly, so the first job is still running when the second is asked for.
            salesforce.inject(.slow(.milliseconds(500)), times: 6, pathPrefix: "/services/data/v66.0/query")
            let first = try await session.startedJob(connectionId, mode: "full")
            let second = try await session.startJob(connectionId, mode: "incremental")
            #expect(second.status == 409)
            #expect(second.errorCode == "job_already_running")
            #expect(second.body["error"]?["details"]?["jobId"] == .string(first))
            #expect(try await session.finishedJob(first)["status"] == "succeeded")
            // Once it has finished, a new job may start.
            let third = try await session.startedJob(connectionId, mode: "incremental")
            #expect(try await session.finishedJob(third)["status"] == "succeeded")
        }
    }
}
