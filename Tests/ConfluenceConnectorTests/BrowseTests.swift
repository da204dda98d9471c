import ConnectorSDK
import StandIns
import Testing

@testable import ConfluenceConnector

/// Spaces, pages and footer comments through several pages, following the
/// next link from the body or from the `Link` header.
@Suite struct ConfluenceBrowseTests {
    @Test(arguments: [ConfluenceLinkStyle.both, .headerOnly, .bodyOnly])
    func spacesFollowEitherNextLink(style: ConfluenceLinkStyle) async throws {
        let harness = try await ConfluenceHarness.start()
        harness.confluence.setLinkStyle(style)
        let (spaces, pages) = try await harness.allPages(.listContainers, ListRequest(limit: 2), connection: harness.oauthConnection(), as: Container.self)
        #expect(pages == 3)
        #expect(spaces.map(\.name) == ["Engineering", "Operations", "Documentation", "People", "Mia Krystof"])
        #expect(spaces.first?.id == "98304")
        #expect(spaces.first?.kind == "space")
        #expect(spaces.first?.url == "https://acme.atlassian.net/wiki/spaces/ENG")
        await harness.stop()
    }

    @Test(arguments: [true, false])
    func pagesNewestEditFirstWithoutGapsOrRepeats(oauth: Bool) async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = oauth ? harness.oauthConnection() : harness.apiTokenConnection()
        let (items, pages) = try await harness.allPages(.listItems, ListRequest(containerId: "98304", limit: 7, includeRaw: true), connection: connection, as: Item.self)
        #expect(pages == 5)
        #expect(items.count == 30)
        #expect(Set(items.map(\.id)) == Set(harness.confluence.pages(inSpace: 98304).map { String($0.id) }))
        let updated = items.compactMap(\.updatedAt)
        #expect(updated == updated.sorted(by: >))
        let first = try #require(items.first { $0.title == "Design note 1" })
        #expect(first.kind == "page")
        #expect(first.containerId == "98304")
        #expect(first.createdAt == "2024-04-01T12:00:00.000Z")
        #expect(first.url == "https://acme.atlassian.net/wiki/spaces/ENG/pages/\(first.id)")
        #expect(first.author?.id == harness.identity.account.accountId)
        #expect(first.raw?["version"]?["number"] == 2)
        await harness.stop()
    }

    @Test func updatedSinceEndsTheListAtOlderEdits() async throws {
        let harness = try await ConfluenceHarness.start()
        // 2024-05-02T12:00:00.321Z is the bulk edit of ten pages; six more pages come after it.
        let request = ListRequest(containerId: "98304", limit: 4, updatedSince: "2024-05-02T12:00:00.321Z")
        let (items, _) = try await harness.allPages(.listItems, request, connection: harness.oauthConnection(), as: Item.self)
        let expected = harness.confluence.pages(inSpace: 98304).filter { $0.versionCreatedAt >= ConfluenceSeed.origin + 86_400_000 + 321 }
        #expect(expected.count == 16)
        #expect(Set(items.map(\.id)) == Set(expected.map { String($0.id) }))
        #expect(items.count == 16)
        await harness.stop()
    }

    @Test func commentsWithPlainTextBodies() async throws {
        let harness = try await ConfluenceHarness.start()
        let (comments, pages) = try await harness.allPages(.listComments, ListRequest(itemId: "200001", limit: 4), connection: harness.apiTokenConnection(), as: ConnectorModel.Comment.self)
        #expect(pages == 2)
        #expect(comments.count == 6)
        #expect(comments.first?.body == "Fish & chips <3 \"quoted\" — café 😀 done")
        #expect(comments.first?.itemId == "200001")
        #expect(comments.first?.createdAt == "2024-05-01T12:00:00.000Z")
        #expect(comments[1].author?.id == "5b10ac8d82e05b22cc7d4ef5")
        #expect(comments.first?.url == "https://acme.atlassian.net/wiki/spaces/ENG/pages/200001?focusedCommentId=\(comments.first?.id ?? "")")
        await harness.stop()
    }

    @Test func hostileIdsAndForeignCursorsAreRefused() async throws {
        let harness = try await ConfluenceHarness.start()
        let connection = harness.oauthConnection()
        for bad in ["ENG", "98304/../../rest/api/user/current", "-1", "", "98304?cursor=x"] {
            #expect(await harness.failure(.listItems, ListRequest(containerId: bad), connection: connection)?.code == "invalid_input")
            #expect(await harness.failure(.listComments, ListRequest(itemId: bad), connection: connection)?.code == "invalid_input")
        }
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        let page = try await harness.call(.listItems, ListRequest(containerId: "98304", limit: 5), connection: connection, as: Page<Item>.self)
        let cursor = try #require(page.nextCursor)
        #expect(await harness.failure(.listItems, ListRequest(containerId: "98305", cursor: cursor), connection: connection)?.code == "invalid_input")
        #expect(await harness.failure(.listContainers, ListRequest(cursor: cursor), connection: connection)?.code == "invalid_input")
        await harness.stop()
    }
}
