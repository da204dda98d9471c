import ConnectorModel
import HostTesting
import Foundation
import HostServer
import StandIns
import Store
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// A Confluence sync interrupted on one host is finished by another on the
    /// same store: it continues the listing where the first host's checkpoint
    /// says, and the feed holds every page exactly once.
    @Suite struct ConfluenceJobResumptionTests {
        @Test func anInterruptedJobContinuesTheListingOnAnotherHost() async throws {
            let shared = try TemporaryDirectory("confluence-resume")
            defer { shared.remove() }
            let store = shared.file("store/host.sqlite").path
            let configure: (inout HostConfiguration) -> Void = {
                $0.sqlitePath = store
                $0.syncJobLease = .seconds(1)
                $0.syncPageSize = 4
            }
            try await AtlassianHost.withCloud { cloud in
                let confluence = cloud.confluence
                let everyPage = confluence.pages(inSpace: 98304).map { String($0.id) }
                let (connectionId, jobId) = try await AtlassianHost.serve(cloud, configure: configure) { session in
                    try #require(try await session.configureOperatorSettings(.confluence).status == 200)
                    let connectionId = try await session.connectAPIToken(.confluence)
                    for _ in 0..<200 { confluence.faults.injectNext(.slow(.milliseconds(150))) }
                    let jobId = try await session.startedJob(.confluence, connectionId, mode: "full", containerId: "98304")
                    _ = try await session.job(.confluence, jobId) { ($0["pages"]?.intValue ?? 0) >= 2 && $0["status"] == "running" }
                    return (connectionId, jobId)
                }
                let listedByFirst = cloud.apiExchanges(endingWith: "/pages").count

                let second = try await AtlassianHost.make(configure: configure)
                defer { second.remove() }
                let left = try #require(try await second.host.store.job(id: jobId, tenantId: AtlassianSession.tenant))
                #expect(left.status == .running, "shutting down ended the job instead of handing it back: \(left.status)")
                let cursor = try #require(left.checkpoint?["pass"]?["cursor"]?.stringValue, "no pass in \(String(describing: left.checkpoint))")

                try await AtlassianHost.serve(second, cloud: cloud) { session in
                    let job = try await session.finishedJob(.confluence, jobId)
                    try #require(job["status"] == "succeeded", "the job did not resume: \(job)")
                    // (A request of host A still under way when it stopped may be recorded late; it carried the same cursor.)
                    let afterStop = cloud.apiExchanges(endingWith: "/pages").dropFirst(listedByFirst)
                    let cursors = afterStop.map { URLComponents(string: "?" + $0.query)?.queryItems?.first { $0.name == "cursor" }?.value }
                    #expect(cursors.first == cursor, "host B did not continue from the stored cursor: \(afterStop.first?.query ?? "nothing listed")")
                    #expect(cursors.allSatisfy { $0 != nil }, "host B listed the space from the top again")

                    let (entries, _) = try await session.feed(connectionId)
                    #expect(entries.ids.count == Set(entries.ids).count, "a page is in the feed twice")
                    #expect(Set(entries.ids) == Set(everyPage))
                }
            }
        }
    }
}
