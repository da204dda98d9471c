import ConnectorModel
import JSONSchema
import Testing

@Suite("OpenAPI responses")
struct OpenAPIResponseTests {
    let document: OpenAPIDocument

    init() throws {
        document = try OpenAPIDocument(json("""
            {"openapi": "3.1.0", "servers": [{"url": "/api/v1"}],
             "paths": {"/connectors/{id}": {"get": {"responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Connector"}}}},
                "4XX": {"description": "client error", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                "404": {"$ref": "#/components/responses/NotFound"},
                "default": {"description": "other", "content": {"*/*": {"schema": {"type": "string"}}}},
                "204": {"description": "nothing"}}}}},
             "components": {
               "responses": {"NotFound": {"description": "missing", "content": {"application/json": {"schema": {"type": "object", "required": ["error"]}}}}},
               "schemas": {
                 "Connector": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "status": {"type": ["string", "null"]}}},
                 "Problem": {"type": "object", "required": ["title"]}}}}
            """))
    }

    @Test func exactStatusThenRangeThenDefault() throws {
        let ok = try #require(document.responseSchema(method: "GET", path: "/api/v1/connectors/jira", status: 200))
        #expect(ok.statusKey == "200")
        #expect(ok.contentType == "application/json")
        #expect(ok.schema == ["$ref": "#/components/schemas/Connector"])
        #expect(ok.location == "#/paths/~1connectors~1{id}/get/responses/200/content/application~1json/schema")
        let shared = document.responseSchema(method: "GET", path: "/api/v1/connectors/jira", status: 404)
        #expect(shared?.statusKey == "404")
        #expect(shared?.location == "#/components/responses/NotFound/content/application~1json/schema")
        #expect(document.responseSchema(method: "GET", path: "/api/v1/connectors/jira", status: 409, contentType: "application/problem+json")?.statusKey == "4XX")
        #expect(document.responseSchema(method: "GET", path: "/api/v1/connectors/jira", status: 503, contentType: "text/plain")?.statusKey == "default")
        #expect(document.responseSchema(method: "GET", path: "/api/v1/connectors/jira", status: 204) == nil)
    }

    @Test func contentTypeParametersAndCaseAreIgnored() {
        let schema = document.responseSchema(method: "GET", path: "/api/v1/connectors/x", status: 200, contentType: "Application/JSON; charset=utf-8")
        #expect(schema?.contentType == "application/json")
    }

    @Test func validResponsesPass() {
        #expect(document.validateResponse(method: "GET", path: "/api/v1/connectors/x", status: 200, contentType: "application/json", body: ["id": "x", "status": nil]).isEmpty)
        #expect(document.validateResponse(method: "GET", path: "/api/v1/connectors/x", status: 404, contentType: "application/json", body: ["error": "no"]).isEmpty)
        #expect(document.validateResponse(method: "GET", path: "/api/v1/connectors/x", status: 204, contentType: nil, body: nil).isEmpty)
    }

    @Test func schemaIssuesCarryDocumentPaths() {
        let found = document.validateResponse(method: "GET", path: "/api/v1/connectors/x", status: 200, contentType: "application/json", body: ["status": 3])
        #expect(found.map(\.instancePath) == ["/id", "/status"])
        #expect(found.map(\.schemaPath) == ["#/components/schemas/Connector/required", "#/components/schemas/Connector/properties/status/type"])
    }

    @Test func undocumentedThingsAreIssues() {
        let noOperation = document.validateResponse(method: "GET", path: "/api/v1/plugins", status: 200, contentType: "application/json", body: [:])
        #expect(noOperation.map(\.message) == ["no path in the document matches GET /api/v1/plugins (paths are relative to /api/v1)"])
        #expect(noOperation.map(\.schemaPath) == ["#/paths"])

        let noMethod = document.validateResponse(method: "DELETE", path: "/api/v1/connectors/x", status: 200, contentType: nil, body: nil)
        #expect(noMethod.map(\.message) == ["/connectors/{id} documents no DELETE operation (only GET)"])

        let badType = document.validateResponse(method: "GET", path: "/api/v1/connectors/x", status: 200, contentType: "text/html", body: nil)
        #expect(badType.map(\.message) == ["content type text/html is not documented for 200 (documented: application/json)"])

        let noBody = document.validateResponse(method: "GET", path: "/api/v1/connectors/x", status: 200, contentType: "application/json", body: nil)
        #expect(noBody.map(\.message) == ["the response has no body, but 200 documents one (application/json)"])
    }

    @Test func statusNotDocumented() throws {
        let jira = try Fixtures.jira.get()
        let found = jira.validateResponse(method: "GET", path: "/rest/api/3/myself", status: 500, contentType: "application/json", body: [:])
        #expect(found.map(\.message) == ["status 500 is not documented for GET /rest/api/3/myself (documented: 200, 401)"])
        #expect(found.map(\.schemaPath) == ["#/paths/~1rest~1api~13~1myself/get/responses"])
    }

    @Test func responsesWithoutContentAreNotChecked() throws {
        // Jira documents its 401s without a body; real Jira still sends one.
        let jira = try Fixtures.jira.get()
        let body: JSONValue = ["errorMessages": ["You are not authenticated."], "errors": [:]]
        #expect(jira.validateResponse(method: "GET", path: "/rest/api/3/myself", status: 401, contentType: "application/json", body: body).isEmpty)
    }

    @Test func rawBytes() {
        let path = "/api/v1/connectors/x"
        #expect(document.validateResponse(method: "GET", path: path, status: 200, contentType: "application/json", bodyBytes: Array(#"{"id":"x"}"#.utf8)).isEmpty)
        #expect(document.validateResponse(method: "GET", path: path, status: 200, contentType: "application/json", bodyBytes: Array("{oops".utf8)).map(\.message) == ["the response body is not valid JSON"])
        #expect(document.validateResponse(method: "GET", path: path, status: 200, contentType: "application/json", bodyBytes: [UInt8]()).count == 1, "a documented body is missing")
        #expect(document.validateResponse(method: "GET", path: path, status: 500, contentType: "text/plain", bodyBytes: Array("boom".utf8)).isEmpty, "non-JSON bodies are not schema-checked")
    }
}
