import AtlassianCloud
import ConnectorSDK
import StandIns
import Testing

@testable import JiraConnector

/// JQL is built from checked parts only: hostile input is refused before
/// anything is sent, and what is sent parses as intended.
@Suite struct JiraJQLTests {
    static let hostile = [
        "ENG\" OR project = \"OPS", "ENG OR project = OPS", "ENG) OR (project = OPS", "ENG\\", "ENG ORDER BY created", "", "1ENG", "ENG;DROP",
        "ENG\n", "ÉNG",
    ]

    @Test(arguments: hostile)
    func hostileProjectKeysNeverReachJira(key: String) async throws {
        let harness = try await JiraHarness.start()
        let connection = harness.oauthConnection()
        let items = await harness.failure(.listItems, ListRequest(containerId: key), connection: connection)
        #expect(items?.code == "invalid_input")
        let sync = await harness.failure(.syncPage, SyncPageRequest(mode: .full, containerId: key), connection: connection)
        #expect(sync?.code == "invalid_input")
        let hook = await harness.failure(.subscribeWebhook, WebhookSubscribeRequest(callbackUrl: "https://h.example/x", containerId: key), connection: connection)
        #expect(hook?.code == "invalid_input")
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        await harness.stop()
    }

    @Test(arguments: ["ENG-1/../../myself", "ENG-1?x=1", "../ENG-1", "ENG-", "-1"])
    func hostileIssueReferencesNeverReachJira(item: String) async throws {
        let harness = try await JiraHarness.start()
        let refused = await harness.failure(.listComments, ListRequest(itemId: item), connection: harness.oauthConnection())
        #expect(refused?.code == "invalid_input")
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        await harness.stop()
    }

    @Test func aForgedCursorCannotSmuggleAProject() async throws {
        let harness = try await JiraHarness.start()
        let forged = try Cursor.encode(JiraCursors.Search(project: "ENG\" OR project = \"OPS", since: nil, timeZone: nil, token: "x"))
        let refused = await harness.failure(.listItems, ListRequest(containerId: "ENG", cursor: forged), connection: harness.oauthConnection())
        #expect(refused?.code == "invalid_input")
        #expect(harness.cloud.apiServer.exchanges.all.isEmpty)
        await harness.stop()
    }

    @Test func quotingKeepsAValueOneLiteral() throws {
        let value = "A\" OR project = \"B\\"
        let parsed = try MiniJQL.parse("project = \(JQLQuery.quoted(value)) ORDER BY updated ASC")
        #expect(parsed.anyOf.count == 1)
        #expect(parsed.anyOf[0] == [MiniJQL.Clause(field: "project", op: "=", values: [value])])
    }

    @Test func theIssueQueryHasTheExpectedShape() throws {
        let since = try #require(AtlassianTimestamp(parsing: "2024-03-01T15:00:20.500Z"))
        let jql = JQLQuery.issues(project: try ProjectKey("ENG"), updatedFrom: JQLDateLiteral(since, timeZone: "America/New_York"))
        #expect(jql == "project = \"ENG\" AND updated >= \"2024/03/01 10:00\" ORDER BY updated ASC, key ASC")
        let parsed = try MiniJQL.parse(jql)
        #expect(parsed.orderBy == [.init(field: "updated", ascending: true), .init(field: "key", ascending: true)])
        // Without a project the date keeps the query bounded.
        #expect(JQLQuery.issues(project: nil, updatedFrom: nil) == "updated >= \"1970/01/01 00:00\" ORDER BY updated ASC, key ASC")
        #expect(JQLQuery.webhookFilter(project: nil) == "project != null")
    }

    @Test func dateLiteralsAreTheUsersWallClockMinuteAtOrBefore() throws {
        let instant = try #require(AtlassianTimestamp(parsing: "2024-07-01T03:04:59.999Z"))
        #expect(JQLDateLiteral(instant, timeZone: "UTC").text == "2024/07/01 03:04")
        #expect(JQLDateLiteral(instant, timeZone: "America/New_York").text == "2024/06/30 23:04")
        #expect(JQLDateLiteral(instant, timeZone: "Asia/Kolkata").text == "2024/07/01 08:34")
        // Unknown zone: the earliest reading anywhere (UTC-12).
        #expect(JQLDateLiteral(instant, timeZone: "Mars/Olympus").text == "2024/06/30 15:04")
        #expect(JQLDateLiteral(instant, timeZone: nil).text == "2024/06/30 15:04")
        // Just after New York springs forward (2024-03-10 07:00Z), the earlier offset gives the earlier wall time.
        let afterChange = try #require(AtlassianTimestamp(parsing: "2024-03-10T07:30:00Z"))
        #expect(JQLDateLiteral(afterChange, timeZone: "America/New_York").text == "2024/03/10 02:30")
    }
}
