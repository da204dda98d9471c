import ConnectorModel
import JSONSchema
import Testing

/// Confluence publishes no response examples (README), so these bodies are
/// built from the schemas.
@Suite("Confluence subsets: responses")
struct ConfluenceResponseTests {
    let pagesPath = "/wiki/api/v2/spaces/98304/pages?limit=2"

    func page(_ id: String, parentId: JSONValue = "98305") -> JSONValue {
        [
            "id": .string(id), "status": "current", "title": .string("Page \(id)"), "spaceId": "98304", "parentId": parentId,
            "parentType": "page", "position": nil, "authorId": "557058:abc", "ownerId": nil,
            "createdAt": "2024-05-01T12:30:00.000Z",
            "version": ["createdAt": "2024-05-02T08:00:00.000Z", "message": "", "number": 3, "minorEdit": false, "authorId": "557058:abc"],
            "body": ["storage": ["representation": "storage", "value": "<p>Hello</p>"]],
            "_links": ["webui": .string("/spaces/ENG/pages/\(id)")],
        ]
    }

    @Test func pagesPageFromTheSchemaIsValid() throws {
        let confluence = try Fixtures.confluenceV2.get()
        let body: JSONValue = [
            "results": [page("1"), page("2")],
            "_links": ["next": "/wiki/api/v2/spaces/98304/pages?cursor=abc", "base": "https://acme.atlassian.net/wiki"],
        ]
        #expect(confluence.validateResponse(method: "GET", path: pagesPath, status: 200, contentType: "application/json", body: body).isEmpty)
    }

    @Test func badPageFieldsAreNamed() throws {
        let confluence = try Fixtures.confluenceV2.get()
        var bad = page("2").objectValue!
        bad["status"] = "published"
        bad["position"] = "first"
        let found = confluence.validateResponse(
            method: "GET", path: pagesPath, status: 200, contentType: "application/json", body: ["results": [page("1"), .object(bad)]])
        #expect(found.map(\.instancePath) == ["/results/1/position", "/results/1/status"])
        #expect(found.map(\.message) == [
            "expected integer or null, got string \"first\"",
            "string \"published\" is not one of [\"current\", \"draft\", \"archived\", \"historical\", \"trashed\", \"deleted\", \"any\"]",
        ])
    }

    @Test func nullParentIdIsRejectedAsTheSchemaIsWritten() throws {
        // Vendor quirk: `parentId` is described as "null if there is no parent
        // page" but is not `nullable`. A stand-in should omit it for top-level pages.
        let confluence = try Fixtures.confluenceV2.get()
        let found = confluence.validateResponse(
            method: "GET", path: pagesPath, status: 200, contentType: "application/json", body: ["results": [page("1", parentId: nil)]])
        #expect(found.map(\.instancePath) == ["/results/0/parentId"])
    }

    @Test func singlePageResponseUsesAllOf() throws {
        let confluence = try Fixtures.confluenceV2.get()
        var single = page("7").objectValue!
        single["_links"] = ["webui": "/x", "base": "https://acme.atlassian.net/wiki"]
        #expect(confluence.validateResponse(method: "GET", path: "/wiki/api/v2/pages/7", status: 200, contentType: "application/json", body: .object(single)).isEmpty)
        single["_links"] = ["base": 1]
        let found = confluence.validateResponse(method: "GET", path: "/wiki/api/v2/pages/7", status: 200, contentType: "application/json", body: .object(single))
        #expect(found.map(\.instancePath) == ["/_links/base"])
    }

    @Test func errorStatusesHaveNoBodySchema() throws {
        let confluence = try Fixtures.confluenceV2.get()
        #expect(confluence.responseSchema(method: "GET", path: "/wiki/api/v2/pages/7", status: 404) == nil)
        #expect(confluence.validateResponse(method: "GET", path: "/wiki/api/v2/pages/7", status: 404, contentType: "application/json", body: ["errors": []]).isEmpty)
    }

    @Test func v1CurrentUser() throws {
        let confluence = try Fixtures.confluenceV1.get()
        let user: JSONValue = [
            "type": "known", "accountId": "557058:abc", "accountType": "atlassian", "email": "mia@example.com",
            "publicName": "Mia", "displayName": "Mia Krystof", "isExternalCollaborator": false,
            "profilePicture": ["path": "/wiki/aa-avatar/557058:abc", "width": 48, "height": 48, "isDefault": false],
            "_expandable": [:], "_links": ["self": "https://acme.atlassian.net/wiki/rest/api/user?accountId=557058:abc"],
        ]
        let found = confluence.validateResponse(method: "GET", path: "/wiki/rest/api/user/current", status: 200, contentType: "application/json", body: user)
        #expect(found.isEmpty, "\(found)")
        var wrong = user.objectValue!
        wrong["type"] = "robot"
        let issues = confluence.validateResponse(method: "GET", path: "/wiki/rest/api/user/current", status: 200, contentType: "application/json", body: .object(wrong))
        #expect(issues.map(\.instancePath) == ["/type"])
    }
}
