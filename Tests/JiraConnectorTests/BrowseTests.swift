import ConnectorSDK
import StandIns
import Testing

@testable import JiraConnector

/// Projects, issues and comments through several pages: every element once,
/// in order, the cursor opaque and bound to its list.
@Suite struct JiraBrowseTests {
    @Test(arguments: [true, false])
    func projectsPageByOffset(oauth: Bool) async throws {
        let harness = try await JiraHarness.start()
        let connection = oauth ? harness.oauthConnection() : harness.apiTokenConnection()
        let (projects, pages) = try await harness.allPages(.listContainers, ListRequest(limit: 3), connection: connection, as: Container.self)
        #expect(pages == 3)
        #expect(projects.map(\.id) == ["DATA", "ENG", "HR", "MKT", "OPS", "SEC", "WEB"])
        let eng = try #require(projects.first { $0.id == "ENG" })
        #expect(eng.name == "Engineering")
        #expect(eng.kind == "project")
        #expect(eng.url == (oauth ? "https://acme.atlassian.net/browse/ENG" : "\(harness.cloud.siteURL)/browse/ENG"))
        #expect(eng.updatedAt?.hasSuffix("Z") == true)
        #expect(eng.raw == nil)
        await harness.stop()
    }

    @Test(arguments: [true, false])
    func issuesPageByTokenWithoutGapsOrRepeats(oauth: Bool) async throws {
        let harness = try await JiraHarness.start()
        let connection = oauth ? harness.oauthConnection() : harness.apiTokenConnection()
        let (issues, pages) = try await harness.allPages(.listItems, ListRequest(containerId: "ENG", limit: 10), connection: connection, as: Item.self)
        #expect(pages == 5)
        #expect(issues.count == 45)
        #expect(Set(issues.map(\.id)).count == 45)
        #expect(Set(issues.compactMap(\.key)) == Set(harness.jira.issues(inProject: "ENG").map(\.key)))
        // Oldest update first, as the JQL asks.
        let updated = issues.compactMap(\.updatedAt)
        #expect(updated == updated.sorted())
        let first = try #require(issues.first { $0.key == "ENG-1" })
        #expect(first.title == "Engineering task 1")
        #expect(first.kind == "issue")
        #expect(first.containerId == "ENG")
        #expect(first.author?.displayName == "Mia Krystof")
        #expect(first.status == "In Progress")
        // Jira wrote New York times (-0400/-0500); the connector hands out UTC.
        #expect(first.updatedAt == "2024-03-01T12:07:00.000Z")
        let search = try #require(harness.cloud.apiServer.exchanges.all.first { $0.path.hasSuffix("/search/jql") })
        #expect(search.method == "POST")
        await harness.stop()
    }

    @Test func updatedSinceIsReadInTheUsersTimeZone() async throws {
        let harness = try await JiraHarness.start()
        // 15:00:20Z is 10:00 in New York; a literal written in UTC would skip everything.
        let request = ListRequest(containerId: "ENG", limit: 50, updatedSince: "2024-03-01T15:00:20Z")
        let (issues, _) = try await harness.allPages(.listItems, request, connection: harness.oauthConnection(), as: Item.self)
        let expected = harness.jira.issues(inProject: "ENG").filter { $0.updated >= JiraSeed.origin + 3 * 3_600_000 + 20_000 }.map(\.key)
        #expect(Set(issues.compactMap(\.key)) == Set(expected))
        #expect(issues.count == expected.count)
        #expect(expected.count == 18)
        let jql = try #require(harness.cloud.apiServer.exchanges.all.first { $0.path.hasSuffix("/search/jql") })
        #expect(jql.method == "POST")
        await harness.stop()
    }

    @Test func withoutTheUsersTimeZoneTheWidestReadingIsFilteredExactly() async throws {
        let harness = try await JiraHarness.start()
        // No read:jira-user: /myself is refused, so the connector cannot learn the time zone.
        let connection = harness.oauthConnection(scopes: ["read:jira-work"])
        let request = ListRequest(containerId: "ENG", limit: 50, updatedSince: "2024-03-01T15:00:20Z")
        let (issues, _) = try await harness.allPages(.listItems, request, connection: connection, as: Item.self)
        let expected = harness.jira.issues(inProject: "ENG").filter { $0.updated >= JiraSeed.origin + 3 * 3_600_000 + 20_000 }
        #expect(issues.compactMap(\.key) == expected.sorted { ($0.updated, $0.id) < ($1.updated, $1.id) }.map(\.key))
        await harness.stop()
    }

    @Test func commentsPageByOffsetWithPlainTextBodies() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.apiTokenConnection()
        let request = ListRequest(itemId: "ENG-1", limit: 3, includeRaw: true)
        let (comments, pages) = try await harness.allPages(.listComments, request, connection: connection, as: ConnectorModel.Comment.self)
        #expect(pages == 3)
        #expect(comments.count == 7)
        #expect(Set(comments.map(\.id)).count == 7)
        #expect(comments.first?.body == "Thanks @Ravi Raman, shipping it 🚀")
        #expect(comments.first?.itemId == "ENG-1")
        #expect(comments.first?.url == "\(harness.cloud.siteURL)/browse/ENG-1?focusedCommentId=\(comments.first?.id ?? "")")
        #expect(comments[1].author?.displayName == "Ravi Raman")
        #expect(comments.first?.raw?["body"]?["type"] == "doc")
        await harness.stop()
    }

    @Test func aCursorOnlyContinuesItsOwnList() async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let page = try await harness.call(.listItems, ListRequest(containerId: "ENG", limit: 5), connection: connection, as: Page<Item>.self)
        let cursor = try #require(page.nextCursor)
        let other = await harness.failure(.listItems, ListRequest(containerId: "OPS", limit: 5, cursor: cursor), connection: connection)
        #expect(other?.code == "invalid_input")
        let comments = await harness.failure(.listComments, ListRequest(itemId: "ENG-1", limit: 5, cursor: cursor), connection: connection)
        #expect(comments?.code == "invalid_input")
        let garbage = await harness.failure(.listItems, ListRequest(containerId: "ENG", limit: 5, cursor: "not-a-cursor"), connection: connection)
        #expect(garbage?.code == "invalid_input")
        await harness.stop()
    }

    @Test func browsingWithoutAConnectionIsRefused() async throws {
        let harness = try await JiraHarness.start()
        let refused = await harness.failure(.listContainers, ListRequest(), connection: nil)
        #expect(refused?.code == "invalid_input")
        await harness.stop()
    }
}
