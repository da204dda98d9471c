import ConnectorModel
import HostTesting
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// Sync jobs of a Confluence space over REST: every page once, then exactly
    /// the pages edited or created since (ten of them in the same millisecond).
    @Suite struct ConfluenceSyncJobTests {
        static let engineering = 98304

        @Test func fullThenIncrementalSyncFeedsExactlyTheChanges() async throws {
            try await AtlassianHost.run(configure: { $0.syncPageSize = 4 }) { session in
                let confluence = session.cloud.confluence
                let connectionId = try await session.connectOAuth(.confluence)
                let space = String(Self.engineering)
                let everyPage = confluence.pages(inSpace: Self.engineering).map { String($0.id) }

                let full = try await session.finishedJob(.confluence, try await session.startedJob(.confluence, connectionId, mode: "full", containerId: space))
                #expect(full["status"] == "succeeded", "\(full)")
                #expect(full["records"] == .number(Double(everyPage.count)))
                let (stored, cursor) = try await session.feed(connectionId)
                #expect(stored.ids.count == Set(stored.ids).count, "a page is in the feed twice")
                #expect(Set(stored.ids) == Set(everyPage))

                let now = AtlassianTime.now()
                let edited = Array(everyPage.prefix(6).compactMap(Int.init))
                for id in edited { confluence.editPage(id, at: now - 1_000) }
                let created = confluence.createPage(space: Self.engineering, title: "Written during the test", at: now - 1_000)

                let incremental = try await session.finishedJob(
                    .confluence, try await session.startedJob(.confluence, connectionId, mode: "incremental", containerId: space))
                #expect(incremental["status"] == "succeeded", "\(incremental)")
                #expect(incremental["records"] == 7)
                let (changes, next) = try await session.feed(connectionId, after: cursor)
                #expect(changes.ids.count == Set(changes.ids).count)
                #expect(Set(changes.ids) == Set(edited.map(String.init) + [String(created)]))
                #expect(changes.contains { $0["data"]?["title"] == "Written during the test" })

                let again = try await session.finishedJob(
                    .confluence, try await session.startedJob(.confluence, connectionId, mode: "incremental", containerId: space))
                #expect(again["records"] == 0)
                #expect(try await session.feed(connectionId, after: next).entries.isEmpty)
            }
        }
    }
}
