import ConnectorSDK
import StandIns
import Testing

@testable import JiraConnector

/// Incremental sync by `updated` with an id tie-breaker: many issues share
/// a minute (JQL's precision) and some a millisecond; nothing is skipped or
/// repeated across pages or runs.
@Suite struct JiraSyncTests {
    /// Runs pages until `hasMore` is false; returns the ids and the final checkpoint.
    static func run(
        _ mode: SyncPageRequest.Mode, project: String?, from checkpoint: JSONValue?, limit: Int, _ harness: JiraHarness, _ connection: ConnectionContext
    ) async throws -> (ids: [String], checkpoint: JSONValue, pages: Int) {
        var request = SyncPageRequest(mode: mode, containerId: project, checkpoint: checkpoint, limit: limit)
        var ids: [String] = []
        var pages = 0
        while true {
            let page = try await harness.call(.syncPage, request, connection: connection, as: SyncPage.self)
            ids += page.records.map(\.id)
            #expect(page.records.allSatisfy { $0.kind == "item" && $0.updatedAt?.hasSuffix("Z") == true })
            pages += 1
            request.checkpoint = page.checkpoint
            if !page.hasMore || pages > 50 { return (ids, page.checkpoint, pages) }
        }
    }

    @Test func fullThenIncrementalAcrossASharedMinute() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let full = try await Self.run(.full, project: "ENG", from: nil, limit: 7, harness, connection)
        let eng = harness.jira.issues(inProject: "ENG")
        #expect(full.ids.count == 45)
        #expect(Set(full.ids) == Set(eng.map { String($0.id) }))
        // In (updated, id) order.
        let order = eng.sorted { ($0.updated, $0.id) < ($1.updated, $1.id) }.map { String($0.id) }
        #expect(full.ids == order)

        // Nothing changed: an incremental run re-reads the last minute and hands out nothing.
        let quiet = try await Self.run(.incremental, project: "ENG", from: full.checkpoint, limit: 7, harness, connection)
        #expect(quiet.ids.isEmpty)

        // Edits in the checkpoint's own minute (later milliseconds), and a new issue.
        let last = try #require(eng.map(\.updated).max())
        harness.jira.touch("ENG-3", at: last + 1)
        harness.jira.touch("ENG-22", at: last + 1)  // once in the shared millisecond, now moved on
        let created = harness.jira.createIssue(project: "ENG", summary: "Late arrival", at: last + 2)
        let incremental = try await Self.run(.incremental, project: "ENG", from: quiet.checkpoint, limit: 2, harness, connection)
        let touched = [harness.jira.issue("ENG-3"), harness.jira.issue("ENG-22")].compactMap { $0.map { String($0.id) } }
        #expect(incremental.ids == touched.sorted { Int($0)! < Int($1)! } + [String(created.id)])
        await harness.stop()
    }

    @Test func aCheckpointInsideACrowdedMinute() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.apiTokenConnection()
        // Leave the crowded minute last: the checkpoint lands on the four issues sharing 15:00:30.123.
        for number in 36...45 { _ = harness.jira.deleteIssue("ENG-\(number)") }
        let full = try await Self.run(.full, project: "ENG", from: nil, limit: 4, harness, connection)
        #expect(full.ids.count == 35)
        let shared = JiraSeed.origin + 3 * 3_600_000 + 30_123
        #expect(full.ids.last == harness.jira.issue("ENG-24").map { String($0.id) })

        let sameMillisecond = harness.jira.createIssue(project: "ENG", summary: "Same millisecond, higher id", at: shared)
        harness.jira.touch("ENG-30", at: shared + 15_000)
        let endOfMinute = harness.jira.createIssue(project: "ENG", summary: "End of the minute", at: shared + 29_876)
        let incremental = try await Self.run(.incremental, project: "ENG", from: full.checkpoint, limit: 2, harness, connection)
        #expect(incremental.ids == [String(sameMillisecond.id), harness.jira.issue("ENG-30").map { String($0.id) } ?? "", String(endOfMinute.id)])
        await harness.stop()
    }

    @Test func pageBoundariesInsideASharedMillisecondLoseNothing() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.apiTokenConnection()
        let eng = harness.jira.issues(inProject: "ENG").sorted { ($0.updated, $0.id) < ($1.updated, $1.id) }
        // Page size 1: every boundary falls inside the shared minute and millisecond at some point.
        let single = try await Self.run(.full, project: "ENG", from: nil, limit: 1, harness, connection)
        #expect(single.ids == eng.map { String($0.id) })
        await harness.stop()
    }

    @Test func everyProjectWithoutAContainer() async throws {
        let harness = try await JiraHarness.start()
        let full = try await Self.run(.full, project: nil, from: nil, limit: 20, harness, harness.oauthConnection())
        #expect(full.ids.count == 50)
        #expect(Set(full.ids).count == 50)
        await harness.stop()
    }

    @Test func editsWhileASyncRunsLoseNothing() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        var request = SyncPageRequest(mode: .full, containerId: "ENG", limit: 10)
        let first = try await harness.call(.syncPage, request, connection: connection, as: SyncPage.self)
        var ids = first.records.map(\.id)
        // One issue already handed out and one still ahead change; page tokens expire too.
        let now = AtlassianTime.now()
        harness.jira.touch("ENG-2", at: now)
        harness.jira.touch("ENG-40", at: now + 1)
        harness.jira.forgetPageTokens()
        request.checkpoint = first.checkpoint
        while true {
            let page = try await harness.call(.syncPage, request, connection: connection, as: SyncPage.self)
            ids += page.records.map(\.id)
            request.checkpoint = page.checkpoint
            if !page.hasMore { break }
        }
        let eng = harness.jira.issues(inProject: "ENG")
        #expect(Set(ids) == Set(eng.map { String($0.id) }))
        // The edited issue comes again with its new version; nothing else repeats.
        let edited = try #require(harness.jira.issue("ENG-2"))
        #expect(ids.count == 46)
        #expect(ids.filter { $0 == String(edited.id) }.count == 2)
        #expect(ids.suffix(2) == [String(edited.id), harness.jira.issue("ENG-40").map { String($0.id) } ?? ""])
        await harness.stop()
    }

    @Test func aCheckpointIsBoundToItsProject() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let page = try await harness.call(.syncPage, SyncPageRequest(mode: .full, containerId: "ENG", limit: 5), connection: connection, as: SyncPage.self)
        let other = await harness.failure(.syncPage, SyncPageRequest(mode: .incremental, containerId: "OPS", checkpoint: page.checkpoint), connection: connection)
        #expect(other?.code == "invalid_input")
        let junk = await harness.failure(.syncPage, SyncPageRequest(mode: .incremental, containerId: "ENG", checkpoint: ["last": "yesterday"]), connection: connection)
        #expect(junk?.code == "invalid_input")
        let stream = await harness.failure(.syncPage, SyncPageRequest(mode: .full, stream: "comments"), connection: connection)
        #expect(stream?.code == "invalid_input")
        await harness.stop()
    }
}
