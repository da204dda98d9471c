import ConnectorModel
import JSONSchema
import Testing

/// Hand-made wrong Jira responses, the mistakes a stand-in server could make.
@Suite("Jira subset: bad responses")
struct JiraBadResponseTests {
    func validate(_ method: String, _ path: String, _ body: JSONValue) throws -> [ValidationIssue] {
        try Fixtures.jira.get().validateResponse(method: method, path: path, status: 200, contentType: "application/json", body: body)
    }

    @Test func webhookMissingARequiredField() throws {
        let body = try json("""
            {"isLast": true, "maxResults": 2, "startAt": 0, "total": 2, "values": [
              {"id": 10000, "events": ["jira:issue_created"], "jqlFilter": "project = PROJ", "url": "https://example.com/hook",
               "expirationDate": 1559392950000},
              {"id": 10001, "events": ["jira:issue_updated"], "url": "https://example.com/hook", "expirationDate": 1559392950000}]}
            """)
        let found = try validate("GET", "/rest/api/3/webhook", body)
        #expect(found.map(\.instancePath) == ["/values/1/jqlFilter"])
        #expect(found.map(\.schemaPath) == ["#/components/schemas/Webhook/required"])
        #expect(found.map(\.message) == ["required property \"jqlFilter\" is missing"])
    }

    @Test func issueIdWithTheWrongType() throws {
        let found = try validate("POST", "/rest/api/3/search/jql", ["isLast": true, "issues": [["id": "10001", "key": "PROJ-1"], ["id": 10002, "key": "PROJ-2"]]])
        #expect(found.map(\.instancePath) == ["/issues/1/id"])
        #expect(found.map(\.message) == ["expected string, got number 10002"])
        #expect(found.map(\.schemaPath) == ["#/components/schemas/IssueBean/properties/id/type"])
    }

    @Test func oldSearchShapeOnTheNewEndpoint() throws {
        // `/search/jql` pages by token; `startAt`/`total` belong to the removed `/search`.
        let found = try validate("GET", "/rest/api/3/search/jql?jql=project%3DPROJ", ["issues": [], "startAt": 0, "total": 0, "isLast": "yes"])
        #expect(found.map(\.instancePath) == ["/isLast", "/startAt", "/total"])
    }

    @Test func wrongTypeDeepInsideACommentPage() throws {
        let body = try json("""
            {"comments": [{"id": "10000", "author": {"accountId": "5b10a2844c20165700ede21g", "active": "yes"},
              "visibility": {"type": "everyone", "value": "Administrators"}}], "maxResults": 1, "startAt": 0, "total": 1}
            """)
        let found = try validate("GET", "/rest/api/3/issue/PROJ-1/comment", body)
        #expect(found.map(\.instancePath) == ["/comments/0/author/active", "/comments/0/visibility/type"])
        #expect(found.last?.message == "string \"everyone\" is not one of [\"group\", \"role\"]")
    }

    @Test func enumAndFormatViolationsOnMyself() throws {
        let found = try validate("GET", "/rest/api/3/myself", ["accountId": "abc", "accountType": "robot", "self": "not a url"])
        #expect(found.map(\.instancePath) == ["/accountType", "/self"])
        #expect(found.map(\.schemaPath).allSatisfy { $0.hasPrefix("#/components/schemas/User/") })
    }

    @Test func fiftyIssuePageValidatesRepeatedly() throws {
        // The shape of a real page: the vendor example's issue, 50 times with distinct keys.
        let example = try #require(try JiraExampleTests.examples().first { $0.route.description == "GET /rest/api/3/search/jql" })
        let template = try #require(example.body["issues"]?.arrayValue?.first?.objectValue)
        let issues: [JSONValue] = (1...50).map { number in
            var issue = template
            issue["id"] = .string(String(10_000 + number))
            issue["key"] = .string("PROJ-\(number)")
            return .object(issue)
        }
        let page: JSONValue = ["isLast": false, "nextPageToken": "CAEaAggD", "issues": .array(issues)]
        let jira = try Fixtures.jira.get()
        for _ in 0..<100 {
            #expect(jira.validateResponse(method: "POST", path: "/rest/api/3/search/jql", status: 200, contentType: "application/json", body: page).isEmpty)
        }
        var broken = issues
        broken[37] = ["id": 1, "key": "PROJ-38"]
        let found = jira.validateResponse(
            method: "POST", path: "/rest/api/3/search/jql", status: 200, contentType: "application/json",
            body: ["isLast": true, "issues": .array(broken)])
        #expect(found.map(\.instancePath) == ["/issues/37/id"])
    }
}
