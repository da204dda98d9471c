import ConnectorModel
import JSONSchema
import Testing

/// Atlassian's own response examples, checked against Atlassian's own schemas.
@Suite("Jira subset: vendor examples")
struct JiraExampleTests {
    /// Every `200` `application/json` example in the subset, by route. Jira
    /// stores examples as JSON text, so each is parsed first.
    static func examples() throws -> [(route: OpenAPIRoute, body: JSONValue)] {
        let jira = try Fixtures.jira.get()
        return try jira.paths.compactMap { route in
            let operation = try #require(jira.operation(method: route.method, path: route.template))
            guard let text = operation.definition["responses"]?["200"]?["content"]?["application/json"]?["example"]?.stringValue
            else { return nil }
            return (route, try json(text))
        }
    }

    @Test func theSubsetHasNoSchemaProblems() throws {
        #expect(try Fixtures.jira.get().validator.schemaProblems.isEmpty)
        #expect(try Fixtures.confluenceV2.get().validator.schemaProblems.isEmpty)
        #expect(try Fixtures.confluenceV1.get().validator.schemaProblems.isEmpty)
    }

    @Test func everyConnectorOperationCarriesAnExample() throws {
        let routes = Set(try Self.examples().map(\.route.description))
        for needed in [
            "GET /rest/api/3/myself", "GET /rest/api/3/project/search", "GET /rest/api/3/search/jql",
            "POST /rest/api/3/search/jql", "GET /rest/api/3/issue/{issueIdOrKey}/comment", "GET /rest/api/3/webhook",
            "POST /rest/api/3/webhook", "PUT /rest/api/3/webhook/refresh", "GET /rest/api/3/serverInfo",
        ] {
            #expect(routes.contains(needed), "\(needed)")
        }
    }

    /// Examples that contradict their own schema upstream. Each entry is the
    /// exact set of issues we expect, so a change in the spec or in the
    /// validator shows up here instead of being silently tolerated.
    static let knownVendorQuirks: [String: [String]] = [
        // The example carries `defaultLocale`, which `ServerInformation`
        // (additionalProperties: false) does not declare. Real Jira Cloud
        // does send it; the schema is behind.
        "GET /rest/api/3/serverInfo": [
            "/defaultLocale: property \"defaultLocale\" is not allowed (additionalProperties is false) (#/components/schemas/ServerInformation/additionalProperties)"
        ],
        // The schema says `expirationDate` is an int64 (epoch millis); the
        // example shows a date-time string. A stand-in must pick one; the
        // schema is the contract we check against.
        "GET /rest/api/3/webhook": (0..<3).map {
            "/values/\($0)/expirationDate: expected integer, got string \"2019-06-01T12:42:30.000+0000\" (#/components/schemas/Webhook/properties/expirationDate/type)"
        },
        "PUT /rest/api/3/webhook/refresh": [
            "/expirationDate: expected integer, got string \"2019-06-01T12:42:30.000+0000\" (#/components/schemas/WebhooksExpirationDate/properties/expirationDate/type)"
        ],
    ]

    @Test func everyExampleMatchesItsSchemaExceptKnownQuirks() throws {
        let jira = try Fixtures.jira.get()
        let examples = try Self.examples()
        #expect(examples.count == 15)
        for (route, body) in examples {
            let found = jira.validateResponse(method: route.method, path: route.template, status: 200, contentType: "application/json", body: body)
            #expect(found.map(\.description) == Self.knownVendorQuirks[route.description] ?? [], "\(route)")
        }
    }

    @Test func jiraTimestampsPassAsDateTime() throws {
        // `+0000` offsets (no colon) are everywhere in Jira; strict RFC 3339
        // would fail every comment. See DateTimeFormat for the leniency.
        let jira = try Fixtures.jira.get()
        let comment: JSONValue = ["id": "1", "created": "2021-01-17T12:34:00.000+0000", "updated": "2021-01-18T23:45:00.000+0000"]
        #expect(jira.validator.validate(comment, againstSchemaAt: "#/components/schemas/Comment").isEmpty)
        let bad = jira.validator.validate(["created": "17/01/2021"], againstSchemaAt: "#/components/schemas/Comment")
        #expect(bad.map(\.instancePath) == ["/created"])
    }
}
