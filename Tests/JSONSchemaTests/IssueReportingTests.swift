import ConnectorModel
import JSONSchema
import Testing

@Suite("Issue cap, secrets, description")
struct IssueReportingTests {
    @Test func issuesAreCapped() {
        let schema: JSONValue = ["items": ["type": "string"]]
        let many = JSONValue.array(Array(repeating: 1, count: 500))
        #expect(JSONSchemaValidator(document: schema).validate(many).count == 100)
        let capped = JSONSchemaValidator(document: schema, options: .init(maxIssues: 3)).validate(many)
        #expect(capped.map(\.instancePath) == ["/0", "/1", "/2"])
    }

    @Test func issueOrderIsStable() {
        let schema: JSONValue = ["properties": ["b": ["type": "string"], "a": ["type": "string"], "c": ["type": "string"]], "required": ["z", "y"]]
        let instance: JSONValue = ["c": 1, "a": 1, "b": 1]
        let expected = ["/z", "/y", "/a", "/b", "/c"]
        for _ in 0..<5 {
            #expect(issues(instance, schema).map(\.instancePath) == expected)
        }
    }

    @Test func secretPropertyNamesAreTopLevelSecretTrue() {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "baseUrl": ["type": "string", "format": "uri"],
                "apiToken": ["type": "string", "secret": true],
                "password": ["$ref": "#/$defs/secretString"],
                "nested": ["type": "object", "properties": ["inner": ["type": "string", "secret": true]]],
                "notSecret": ["type": "string", "secret": false],
            ],
            "$defs": ["secretString": ["type": "string", "secret": true]],
        ]
        #expect(JSONSchemaValidator.secretPropertyNames(of: schema) == ["apiToken", "password"])
        #expect(JSONSchemaValidator.secretPropertyNames(of: ["type": "string"]).isEmpty)
    }

    @Test func secretValuesAreNeverQuoted() {
        let schema: JSONValue = [
            "properties": [
                "apiToken": ["type": "string", "secret": true, "pattern": "^ATATT", "minLength": 20],
                "region": ["enum": ["eu", "us"], "secret": true],
            ]
        ]
        let found = issues(["apiToken": "hunter2", "region": "hunter3"], schema)
        #expect(found.count == 3)
        #expect(found.allSatisfy { !$0.message.contains("hunter") })
        #expect(found.first { $0.schemaPath.hasSuffix("pattern") }?.message == "a string (secret, not shown) does not match pattern \"^ATATT\"")
    }

    @Test func descriptionReadsAsOneLine() {
        let issue = ValidationIssue(instancePath: "", schemaPath: "#/type", message: "expected object, got null")
        #expect(issue.description == "(root): expected object, got null (#/type)")
    }

    @Test func configSchemaUseCase() throws {
        let schema = try json("""
            {"type": "object", "required": ["siteUrl", "email", "apiToken"], "additionalProperties": false,
             "properties": {
               "siteUrl": {"type": "string", "format": "uri", "pattern": "^https://"},
               "email": {"type": "string", "format": "email"},
               "apiToken": {"type": "string", "minLength": 1, "secret": true},
               "pageSize": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}}}
            """)
        let validator = JSONSchemaValidator(document: schema)
        #expect(validator.schemaProblems.isEmpty)
        #expect(validator.validate(["siteUrl": "https://acme.atlassian.net", "email": "ops@acme.io", "apiToken": "t"]).isEmpty)
        let found = validator.validate(["siteUrl": "http://acme", "email": "ops", "pageSize": 0, "debug": true])
        #expect(found.map(\.instancePath) == ["/apiToken", "/email", "/pageSize", "/siteUrl", "/debug"])
    }
}
