import ConnectorModel
import HostTesting
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// Sync jobs over REST: a full run stores every issue once in the changes
    /// feed; an incremental run adds exactly the issues changed since, even when
    /// many changed within one minute (JQL's resolution) across page boundaries.
    @Suite struct JiraSyncJobTests {
        @Test func fullThenIncrementalSyncFeedsExactlyTheChanges() async throws {
            try await AtlassianHost.run(configure: { $0.syncPageSize = 4 }) { session in
                let jira = session.cloud.jira
                let connectionId = try await session.connectOAuth(.jira)
                let everyIssue = (jira.issues(inProject: "ENG") + jira.issues(inProject: "OPS")).map { String($0.id) }

                let full = try await session.finishedJob(.jira, try await session.startedJob(.jira, connectionId, mode: "full"))
                #expect(full["status"] == "succeeded", "\(full)")
                #expect(full["records"] == .number(Double(everyIssue.count)))
                let (stored, cursor) = try await session.feed(connectionId)
                #expect(stored.ids.count == Set(stored.ids).count, "an issue is in the feed twice")
                #expect(Set(stored.ids) == Set(everyIssue))
                #expect(stored.allSatisfy { $0["kind"] == "item" && $0["deleted"] == false })

                // Edits within one minute (three in the very same millisecond), and two new issues in it.
                let minute = AtlassianTime.now() / 60_000 * 60_000 - 60_000
                let edited = ["ENG-3", "ENG-22", "ENG-40", "OPS-2", "ENG-9"]
                for (index, key) in edited.enumerated() { jira.touch(key, at: minute + (index < 3 ? 1_234 : 5_000 + Int64(index) * 1_000)) }
                let created = [jira.createIssue(project: "ENG", summary: "Created during the test", at: minute + 20_000),
                               jira.createIssue(project: "OPS", summary: "Also new", at: minute + 20_000)]
                let changed = Set(edited.compactMap { jira.issue($0).map { String($0.id) } } + created.map { String($0.id) })
                #expect(changed.count == 7)

                let incremental = try await session.finishedJob(.jira, try await session.startedJob(.jira, connectionId, mode: "incremental"))
                #expect(incremental["status"] == "succeeded", "\(incremental)")
                #expect(incremental["records"] == 7)
                let (changes, next) = try await session.feed(connectionId, after: cursor)
                #expect(changes.ids.count == Set(changes.ids).count, "a change is in the feed twice")
                #expect(Set(changes.ids) == changed)
                let byId = Dictionary(changes.map { ($0["id"]?.stringValue ?? "", $0) }) { first, _ in first }
                #expect(byId[String(created[0].id)]?["data"]?["title"] == "Created during the test")
                #expect(byId[String(created[0].id)]?["data"]?["key"] == .string(created[0].key))

                // Nothing changed since: an incremental run finds nothing.
                let again = try await session.finishedJob(.jira, try await session.startedJob(.jira, connectionId, mode: "incremental"))
                #expect(again["records"] == 0)
                #expect(try await session.feed(connectionId, after: next).entries.isEmpty)
            }
        }

        @Test func aProjectsSyncStaysInItsProject() async throws {
            try await AtlassianHost.run(configure: { $0.syncPageSize = 3 }) { session in
                let jira = session.cloud.jira
                let connectionId = try await session.connectAPIToken(.jira)
                let job = try await session.finishedJob(.jira, try await session.startedJob(.jira, connectionId, mode: "full", containerId: "OPS"))
                #expect(job["status"] == "succeeded", "\(job)")
                #expect(job["pages"] == 2)
                let (stored, _) = try await session.feed(connectionId)
                #expect(Set(stored.ids) == Set(jira.issues(inProject: "OPS").map { String($0.id) }))
                #expect(stored.allSatisfy { $0["data"]?["containerId"] == "OPS" })
            }
        }
    }
}
