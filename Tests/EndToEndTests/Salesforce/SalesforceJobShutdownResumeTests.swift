import ConnectorModel
import HostServer
import HostTesting
import Testing

/// A host shuts down (gracefully: its services stop) in the middle of a sync
/// job; another host sharing its store finishes the job from its checkpoint.
/// Shutting down is not the job's failure: a deploy or a scale-in loses no work.
@Suite struct SalesforceJobShutdownResumeTests {
    @Test func aJobInterruptedByShutdownIsResumedByAnotherHost() async throws {
        try await SalesforceJobResumption.withShared("salesforce-shutdown") { shared in
            let salesforce = shared.salesforce
            let leaving = try await HostHarness.make(plugins: try SalesforceHost.plugins(), configure: shared.configure)
            defer { leaving.remove() }
            let interruption = try await leaving.serve { rest in
                try await SalesforceJobResumption.startAndProgress(SalesforceSession(rest: rest, salesforce: salesforce))
            }
            // The first host's services have stopped. Its sessions end too, so what the next host sends can be told apart.
            salesforce.oauth.expireAccessTokens()

            let staying = try await HostHarness.make(plugins: try SalesforceHost.plugins(), configure: shared.configure)
            defer { staying.remove() }
            try await staying.serve { rest in
                let session = SalesforceSession(rest: rest, salesforce: salesforce)
                let left = try await session.job(interruption.jobId)
                #expect(left["status"] != "failed", "shutting down failed the job instead of handing it back: \(left["error"] ?? .null)")
                try await SalesforceJobResumption.checkResumed(session, interruption, accounts: shared.accounts)
            }
        }
    }
}
