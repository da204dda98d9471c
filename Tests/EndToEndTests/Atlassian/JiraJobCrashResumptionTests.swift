import ConnectorModel
import Foundation
import HostTesting
import StandIns
import Store
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// A host is killed (SIGKILL: no shutdown, no last write) in the middle of
    /// a Jira sync job; another host on the same store takes the job over once
    /// its lease lapses and finishes it from the last checkpoint.
    @Suite struct JiraJobCrashResumptionTests {
        @Test func aJobWhoseHostWasKilledIsFinishedFromItsCheckpointByAnotherHost() async throws {
            let shared = try TemporaryDirectory("jira-crash")
            defer { shared.remove() }
            let store = shared.file("store/host.sqlite").path
            try await AtlassianHost.withCloud { cloud in
                let survivor = try await AtlassianHost.make(configure: JiraResumption.configure(store: store))
                defer { survivor.remove() }

                let settings = try AtlassianHost.childSettings(
                    in: shared, store: store, encryptionKey: try #require(survivor.configuration.encryptionKey),
                    extra: ["SYNC_JOB_LEASE_SECONDS": "1", "SYNC_PAGE_SIZE": "5"])
                let (connectionId, jobId) = try await ChildHost.run(settings: settings, in: shared) { port, kill in
                    let session = AtlassianSession(cloud: cloud, harness: nil, rest: try HostSocketClient(port: port))
                    let started = try await JiraResumption.startAndProgress(session)
                    kill()
                    return started
                }
                let firstToken = try #require(cloud.tokenResponses.first?["access_token"]?.stringValue)
                cloud.identity.expireAccessTokens()

                let left = try #require(try await survivor.host.store.job(id: jobId, tenantId: AtlassianSession.tenant))
                #expect(left.leaseUntil != nil, "the killed host's lease is still on the job")
                try await AtlassianHost.serve(survivor, cloud: cloud) { session in
                    try await JiraResumption.checkResumed(session, connectionId: connectionId, left: left, firstToken: firstToken)
                }
            }
        }
    }
}
