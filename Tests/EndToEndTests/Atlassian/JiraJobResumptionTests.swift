import ConnectorModel
import HostTesting
import StandIns
import Store
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// A host shuts down in the middle of a Jira sync job; another host on the
    /// same store takes the job over and finishes it from the checkpoint.
    @Suite struct JiraJobResumptionTests {
        @Test func aJobInterruptedByShutdownIsFinishedFromItsCheckpointByAnotherHost() async throws {
            let shared = try TemporaryDirectory("jira-resume")
            defer { shared.remove() }
            let configure = JiraResumption.configure(store: shared.file("store/host.sqlite").path)
            try await AtlassianHost.withCloud { cloud in
                let (connectionId, jobId) = try await AtlassianHost.serve(cloud, configure: configure) { session in
                    try await JiraResumption.startAndProgress(session)
                }
                let firstToken = try #require(cloud.tokenResponses.first?["access_token"]?.stringValue)
                // The first host's sessions end, so what the second sends can be told apart.
                cloud.identity.expireAccessTokens()

                let second = try await AtlassianHost.make(configure: configure)
                defer { second.remove() }
                // Where the first host left the job, read before the second runs anything.
                let left = try #require(try await second.host.store.job(id: jobId, tenantId: AtlassianSession.tenant))
                try await AtlassianHost.serve(second, cloud: cloud) { session in
                    try await JiraResumption.checkResumed(session, connectionId: connectionId, left: left, firstToken: firstToken)
                }
            }
        }
    }
}
