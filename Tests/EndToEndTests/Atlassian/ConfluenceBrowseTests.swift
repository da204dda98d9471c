import ConnectorModel
import HostTesting
import StandIns
import Testing

extension AtlassianEndToEnd {
    /// Spaces, pages and footer comments through `/api/connectors/confluence/...`,
    /// page by page with opaque cursors, over either kind of connection.
    @Suite struct ConfluenceBrowseTests {
        static let engineering = "98304"
        static let firstPage = "200001"

        @Test(arguments: AtlassianAuth.allCases)
        func everySpacePageAndCommentArrivesOnceAcrossPages(_ auth: AtlassianAuth) async throws {
            try await AtlassianHost.run { session in
                let confluence = session.cloud.confluence
                let connectionId = try await session.connect(.confluence, auth)

                let (spaces, spaceCursors) = try await session.browseAll(.confluence, "containers", connectionId, query: "&limit=2")
                #expect(spaces.ids == ["98304", "98305", "98306", "98307", "98308"])
                #expect(spaceCursors.count == 2)
                #expect(spaces.first?["name"] == "Engineering")
                #expect(spaces.first?["url"] == "https://acme.atlassian.net/wiki/spaces/ENG")

                let (pages, pageCursors) = try await session.browseAll(.confluence, "items", connectionId, query: "&containerId=\(Self.engineering)&limit=7")
                let expected = confluence.pages(inSpace: 98304)
                #expect(pageCursors.count == 4)
                #expect(pages.count == expected.count)
                #expect(Set(pages.ids) == Set(expected.map { String($0.id) }), "a page is missing or came twice")
                let updated = pages.compactMap { $0["updatedAt"]?.stringValue }
                #expect(updated == updated.sorted(by: >), "pages come most recently edited first")
                #expect(pages.allSatisfy { $0["containerId"] == .string(Self.engineering) && $0["kind"] == "page" })

                let (comments, commentCursors) = try await session.browseAll(.confluence, "comments", connectionId, query: "&itemId=\(Self.firstPage)&limit=4")
                #expect(comments.count == ConfluenceStorageSamples.all.count)
                #expect(commentCursors.count == 1)
                #expect(Set(comments.ids).count == comments.count)
                // Storage format arrives as plain text.
                #expect(comments.first?["body"] == "Fish & chips <3 \"quoted\" — café 😀 done")
                #expect(comments.contains { $0["body"] == "Host | State\ndb1 | up" })
                #expect(comments.allSatisfy { !($0["body"]?.stringValue ?? "<").contains("<p>") })
            }
        }

        @Test func includeRawAttachesConfluencesOwnObjects() async throws {
            try await AtlassianHost.run { session in
                let connectionId = try await session.connectOAuth(.confluence)
                let pages = try await session.browse(.confluence, "items", connectionId, query: "&containerId=\(Self.engineering)&limit=3&includeRaw=true")
                let items = try #require(pages.data["items"]?.arrayValue)
                #expect(items.count == 3)
                #expect(items.allSatisfy { $0["raw"]?["id"] == $0["id"] && $0["raw"]?["title"] == $0["title"] })
                let comments = try await session.browse(.confluence, "comments", connectionId, query: "&itemId=\(Self.firstPage)&limit=1&includeRaw=true")
                let comment = try #require(comments.data["items"]?.arrayValue?.first)
                #expect(comment["raw"]?["body"]?["storage"]?["value"] == .string(ConfluenceStorageSamples.entities))
                let plain = try await session.browse(.confluence, "items", connectionId, query: "&containerId=\(Self.engineering)&limit=3")
                #expect(plain.data["items"]?.arrayValue?.allSatisfy { $0["raw"] == nil } == true)
            }
        }
    }
}
