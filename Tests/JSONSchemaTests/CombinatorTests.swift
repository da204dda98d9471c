import ConnectorModel
import JSONSchema
import Testing

@Suite("allOf, anyOf, oneOf, not")
struct CombinatorTests {
    @Test func allOfReportsEveryMembersIssues() {
        let schema: JSONValue = ["allOf": [["required": ["a"]], ["required": ["b"]]]]
        #expect(issues(["a": 1, "b": 2], schema).isEmpty)
        #expect(issues([:], schema).map(\.schemaPath) == ["#/allOf/0/required", "#/allOf/1/required"])
    }

    @Test func anyOfNeedsOneMatch() {
        let schema: JSONValue = ["anyOf": [["type": "string"], ["type": "integer", "minimum": 0]]]
        #expect(issues("s", schema).isEmpty)
        #expect(issues(3, schema).isEmpty)
        let found = issues(-3, schema)
        // The summary, then the issues of the alternative that came closest.
        #expect(found.map(\.message) == ["number -3 matches none of the 2 anyOf alternatives", "expected string, got number -3"])
        #expect(found.map(\.schemaPath) == ["#/anyOf", "#/anyOf/0/type"])
    }

    @Test func oneOfNeedsExactlyOneMatch() {
        let schema: JSONValue = ["oneOf": [["type": "integer"], ["type": "number", "minimum": 10]]]
        #expect(issues(5, schema).isEmpty, "integer only")
        #expect(issues(10.5, schema).isEmpty, "number >= 10 only")
        let both = issues(12, schema)
        #expect(both.map(\.message) == ["number 12 matches 2 of the oneOf alternatives (#0, #1); exactly one must match"])
        #expect(both.map(\.schemaPath) == ["#/oneOf"])
        let neither = issues(2.5, schema)
        #expect(neither.first?.message == "number 2.5 matches none of the 2 oneOf alternatives")
    }

    @Test func closestAlternativeExplainsNestedFailures() {
        let schema: JSONValue = [
            "oneOf": [
                ["type": "object", "required": ["kind", "url"], "properties": ["kind": ["const": "link"], "url": ["format": "uri"]]],
                ["type": "string"],
            ]
        ]
        let found = issues(["kind": "link", "url": "not a uri"], schema)
        #expect(found.map(\.instancePath) == ["", "/url"])
        #expect(found.last?.schemaPath == "#/oneOf/0/properties/url/format")
    }

    @Test func notInverts() {
        let schema: JSONValue = ["not": ["type": "null"]]
        #expect(issues(1, schema).isEmpty)
        #expect(issues(nil, schema).map(\.schemaPath) == ["#/not"])
    }
}
