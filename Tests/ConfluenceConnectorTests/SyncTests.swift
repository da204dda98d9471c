import ConnectorSDK
import StandIns
import Testing

@testable import ConfluenceConnector

/// Incremental sync by version time with an id tie-breaker: ten pages share
/// one millisecond; nothing is skipped or repeated across pages or runs.
@Suite struct ConfluenceSyncTests {
    static func run(
        _ mode: SyncPageRequest.Mode, space: String?, from checkpoint: JSONValue?, limit: Int, _ harness: ConfluenceHarness,
        _ connection: ConnectionContext, between: (() -> Void)? = nil
    ) async throws -> (ids: [String], checkpoint: JSONValue) {
        var request = SyncPageRequest(mode: mode, containerId: space, checkpoint: checkpoint, limit: limit)
        var ids: [String] = []
        for _ in 0..<50 {
            let page = try await harness.call(.syncPage, request, connection: connection, as: SyncPage.self)
            ids += page.records.map(\.id)
            #expect(page.records.allSatisfy { $0.kind == "item" && $0.updatedAt?.hasSuffix("Z") == true })
            request.checkpoint = page.checkpoint
            if !page.hasMore { return (ids, page.checkpoint) }
            between?()
        }
        Issue.record("the sync never ended")
        return (ids, request.checkpoint ?? nil)
    }

    @Test func fullThenIncremental() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.oauthConnection()
        let all = harness.confluence.pages(inSpace: 98304)
        let full = try await Self.run(.full, space: "98304", from: nil, limit: 4, harness, connection)
        #expect(full.ids.count == 30)
        #expect(Set(full.ids) == Set(all.map { String($0.id) }))

        let quiet = try await Self.run(.incremental, space: "98304", from: full.checkpoint, limit: 4, harness, connection)
        #expect(quiet.ids.isEmpty)

        let newest = try #require(all.map(\.versionCreatedAt).max())
        let bulk = ConfluenceSeed.origin + 86_400_000 + 321
        harness.confluence.editPage(200_003, at: newest + 1)
        harness.confluence.editPage(200_015, at: newest + 1)  // once in the bulk edit
        let created = harness.confluence.createPage(space: 98304, title: "Fresh", at: newest + 2)
        let incremental = try await Self.run(.incremental, space: "98304", from: quiet.checkpoint, limit: 2, harness, connection)
        #expect(Set(incremental.ids) == ["200003", "200015", String(created)])
        #expect(incremental.ids.count == 3)
        #expect(bulk < newest)
        await harness.stop()
    }

    @Test func aFrontierInsideASharedMillisecond() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.apiTokenConnection()
        // Move everything newer than the bulk edit back in time, so the bulk edit's millisecond is the newest.
        let bulk = ConfluenceSeed.origin + 86_400_000 + 321
        for page in harness.confluence.pages(inSpace: 98304) where page.versionCreatedAt > bulk {
            harness.confluence.editPage(page.id, at: ConfluenceSeed.origin - 1_000 - Int64(page.id % 1000))
        }
        let full = try await Self.run(.full, space: "98304", from: nil, limit: 3, harness, connection)
        #expect(full.ids.count == 30)
        // A new page lands in the very same millisecond; only it is new.
        let sameMillisecond = harness.confluence.createPage(space: 98304, title: "Same millisecond", at: bulk)
        let incremental = try await Self.run(.incremental, space: "98304", from: full.checkpoint, limit: 3, harness, connection)
        #expect(incremental.ids == [String(sameMillisecond)])
        await harness.stop()
    }

    @Test func everySpaceAndAnExpiredCursorLoseNothing() async throws {
        let harness = try await ConfluenceHarness.start()
        let confluence = harness.confluence
        let run = try await Self.run(.full, space: nil, from: nil, limit: 5, harness, harness.oauthConnection(), between: { confluence.forgetCursors() })
        #expect(Set(run.ids).count == 31)
        await harness.stop()
    }

    @Test func aCheckpointIsBoundToItsSpace() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.oauthConnection()
        let page = try await harness.call(.syncPage, SyncPageRequest(mode: .full, containerId: "98304", limit: 5), connection: connection, as: SyncPage.self)
        let other = await harness.failure(.syncPage, SyncPageRequest(mode: .incremental, containerId: "98305", checkpoint: page.checkpoint), connection: connection)
        #expect(other?.code == "invalid_input")
        await harness.stop()
    }
}
