import ConnectorModel
import JSONSchema
import Testing

@Suite("OpenAPI path templates")
struct PathMatchingTests {
    @Test func jiraTemplatesMatchConcretePaths() throws {
        let jira = try Fixtures.jira.get()
        #expect(jira.basePaths == [""])
        let comments = try #require(jira.operation(method: "GET", path: "/rest/api/3/issue/PROJ-1/comment"))
        #expect(comments.route == OpenAPIRoute(method: "GET", template: "/rest/api/3/issue/{issueIdOrKey}/comment"))
        #expect(comments.pathParameters == ["issueIdOrKey": "PROJ-1"])
        #expect(comments.operationId == "getComments")
        #expect(comments.location == "#/paths/~1rest~1api~13~1issue~1{issueIdOrKey}~1comment/get")

        #expect(jira.operation(method: "get", path: "/rest/api/3/issue/10001")?.route.template == "/rest/api/3/issue/{issueIdOrKey}")
        #expect(jira.operation(method: "POST", path: "/rest/api/3/search/jql")?.operationId == "searchAndReconsileIssuesUsingJqlPost")
        #expect(jira.operation(method: "PUT", path: "/rest/api/3/webhook/refresh")?.route.template == "/rest/api/3/webhook/refresh")
    }

    @Test func queryStringsFragmentsAndFullURLsAreIgnored() throws {
        let jira = try Fixtures.jira.get()
        let paths = [
            "/rest/api/3/project/search?startAt=0&maxResults=50",
            "https://acme.atlassian.net/rest/api/3/project/search?expand=lead#top",
            "/rest/api/3/project/search#x",
        ]
        for path in paths {
            #expect(jira.operation(method: "GET", path: path)?.operationId == "searchProjects", "\(path)")
        }
    }

    @Test func percentEncodedSegmentsAreDecoded() throws {
        let jira = try Fixtures.jira.get()
        #expect(jira.operation(method: "GET", path: "/rest/api/3/issue/PROJ%2D1/comment")?.pathParameters == ["issueIdOrKey": "PROJ-1"])
    }

    @Test func literalSegmentsWinOverParameters() throws {
        // Jira has both /search and /search/jql; a document with a parameter
        // sibling shows the preference directly.
        let document = try OpenAPIDocument(json("""
            {"openapi": "3.0.3", "paths": {
              "/issue/{issueIdOrKey}": {"get": {"operationId": "getIssue", "responses": {}}},
              "/issue/picker": {"get": {"operationId": "picker", "responses": {}}},
              "/{a}/b": {"get": {"operationId": "paramFirst", "responses": {}}},
              "/a/{b}": {"get": {"operationId": "literalFirst", "responses": {}}},
              "/files/{name}.json": {"get": {"operationId": "jsonFile", "responses": {}}},
              "/files/{name}": {"get": {"operationId": "anyFile", "responses": {}}}
            }}
            """))
        #expect(document.operation(method: "GET", path: "/issue/picker")?.operationId == "picker")
        #expect(document.operation(method: "GET", path: "/issue/PROJ-1")?.operationId == "getIssue")
        #expect(document.operation(method: "GET", path: "/a/b")?.operationId == "literalFirst")
        #expect(document.operation(method: "GET", path: "/x/b")?.operationId == "paramFirst")
        let file = document.operation(method: "GET", path: "/files/report.v2.json")
        #expect(file?.operationId == "jsonFile")
        #expect(file?.pathParameters == ["name": "report.v2"])
        #expect(document.operation(method: "GET", path: "/files/report.csv")?.operationId == "anyFile")
    }

    @Test func unknownPathsMethodsAndShapesDoNotMatch() throws {
        let jira = try Fixtures.jira.get()
        #expect(jira.operation(method: "GET", path: "/rest/api/3/nope") == nil)
        #expect(jira.operation(method: "DELETE", path: "/rest/api/3/myself") == nil)
        #expect(jira.operation(method: "GET", path: "/rest/api/3/issue//comment") == nil, "parameters are never empty")
        #expect(jira.operation(method: "GET", path: "/rest/api/3/issue/A/B/comment") == nil, "parameters span one segment")
        #expect(jira.operation(method: "GET", path: "/rest/api/3/myself/") == nil, "a trailing slash is a different path")
    }

    @Test func confluenceV2PathsAreRelativeToTheServerBasePath() throws {
        let confluence = try Fixtures.confluenceV2.get()
        #expect(confluence.basePaths == ["/wiki/api/v2"])
        let pages = try #require(confluence.operation(method: "GET", path: "/wiki/api/v2/spaces/98304/pages?limit=25&cursor=abc"))
        #expect(pages.route.template == "/spaces/{id}/pages")
        #expect(pages.basePath == "/wiki/api/v2")
        #expect(pages.pathParameters == ["id": "98304"])
        #expect(confluence.operation(method: "GET", path: "/wiki/api/v2/footer-comments/77")?.route.template == "/footer-comments/{comment-id}")
        #expect(confluence.operation(method: "GET", path: "/wiki/api/v2/pages")?.route.template == "/pages")
        // Without the base path the request would not reach the API.
        #expect(confluence.operation(method: "GET", path: "/spaces") == nil)
    }

    @Test func confluenceV1PathsAreAbsolute() throws {
        let confluence = try Fixtures.confluenceV1.get()
        #expect(confluence.basePaths == [""], "the server is //your-domain.atlassian.net")
        #expect(confluence.operation(method: "GET", path: "/wiki/rest/api/user/current")?.route.template == "/wiki/rest/api/user/current")
        #expect(confluence.operation(method: "GET", path: "/wiki/rest/api/search?cql=type%3Dpage")?.route.template == "/wiki/rest/api/search")
        #expect(confluence.operation(method: "GET", path: "/wiki/rest/api/content/search")?.route.template == "/wiki/rest/api/content/search")
    }

    @Test func serverVariablesInTheBasePathMatchOneSegment() throws {
        let document = try OpenAPIDocument(json("""
            {"openapi": "3.0.3",
             "servers": [{"url": "https://{site}.atlassian.net/wiki/api/v2"},
                         {"url": "https://api.atlassian.com/ex/confluence/{cloudId}/wiki/api/v2/"}],
             "paths": {"/spaces": {"get": {"responses": {}}}}}
            """))
        #expect(document.basePaths == ["/wiki/api/v2", "/ex/confluence/{cloudId}/wiki/api/v2"])
        #expect(document.operation(method: "GET", path: "/wiki/api/v2/spaces")?.basePath == "/wiki/api/v2")
        let viaGateway = document.operation(method: "GET", path: "/ex/confluence/1234-abcd/wiki/api/v2/spaces")
        #expect(viaGateway?.basePath == "/ex/confluence/{cloudId}/wiki/api/v2")
        #expect(viaGateway?.pathParameters == ["cloudId": "1234-abcd"])
    }

    @Test func pathsListEveryOperationForParityChecks() throws {
        let jira = try Fixtures.jira.get()
        #expect(jira.paths.count == 16)
        #expect(jira.paths.contains(OpenAPIRoute(method: "DELETE", template: "/rest/api/3/webhook")))
        #expect(jira.paths == jira.paths.sorted())
        let confluence = try Fixtures.confluenceV2.get()
        #expect(confluence.paths.map(\.description) == [
            "GET /footer-comments", "GET /footer-comments/{comment-id}", "GET /pages", "GET /pages/{id}",
            "GET /pages/{id}/footer-comments", "GET /spaces", "GET /spaces/{id}", "GET /spaces/{id}/pages",
        ])
    }

    @Test func loadingRejectsNonOpenAPIInput() {
        #expect(throws: JSONSchemaError.self) { try OpenAPIDocument(json: Array("{not json".utf8)) }
        do {
            _ = try OpenAPIDocument(["swagger": "2.0", "paths": [:]])
            Issue.record("Swagger 2.0 must be refused")
        } catch let error as JSONSchemaError {
            #expect(error.code == .unsupportedOpenAPIVersion)
            #expect(error.message == "expected \"openapi\": \"3.x\", found swagger 2.0")
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect((try? OpenAPIDocument(["openapi": "3.0.0"])) == nil)
    }
}
