import ConnectorModel
import JSONSchema
import Testing

@Suite("Object keywords")
struct ObjectKeywordTests {
    let schema: JSONValue = [
        "type": "object",
        "required": ["key", "id"],
        "properties": [
            "key": ["type": "string"],
            "id": ["type": "integer"],
            "fields": ["type": "object", "additionalProperties": ["type": "string"]],
        ],
        "additionalProperties": false,
    ]

    @Test func validObjectPasses() {
        #expect(issues(["key": "A-1", "id": 1, "fields": ["a": "b"]], schema).isEmpty)
    }

    @Test func missingRequiredIsReportedAtTheMissingMember() {
        let found = issues(["key": "A-1"], schema)
        #expect(found.map(\.instancePath) == ["/id"])
        #expect(found.map(\.schemaPath) == ["#/required"])
        #expect(found.map(\.message) == ["required property \"id\" is missing"])
    }

    @Test func additionalPropertiesFalseNamesEachExtraInOrder() {
        let found = issues(["key": "A-1", "id": 1, "zeta": 1, "alpha": 2], schema)
        #expect(found.map(\.instancePath) == ["/alpha", "/zeta"])
        #expect(found.allSatisfy { $0.schemaPath == "#/additionalProperties" })
    }

    @Test func additionalPropertiesSchemaChecksEachExtra() {
        let found = issues(["key": "A", "id": 1, "fields": ["ok": "s", "bad": 3]], schema)
        #expect(found.map(\.instancePath) == ["/fields/bad"])
        #expect(found.map(\.schemaPath) == ["#/properties/fields/additionalProperties/type"])
    }

    @Test func additionalPropertiesTrueOrEmptyAllowsAnything() {
        #expect(issues(["x": 1], ["properties": ["a": ["type": "string"]], "additionalProperties": true]).isEmpty)
        #expect(issues(["x": 1], ["additionalProperties": [:]]).isEmpty)
    }

    @Test func patternPropertiesAndAdditional() {
        let schema: JSONValue = [
            "properties": ["name": ["type": "string"]],
            "patternProperties": ["^customfield_[0-9]+$": ["type": "number"]],
            "additionalProperties": false,
        ]
        #expect(issues(["name": "n", "customfield_10001": 4], schema).isEmpty)
        let found = issues(["customfield_10001": "four", "customfield_x": 1], schema)
        #expect(found.map(\.instancePath) == ["/customfield_10001", "/customfield_x"])
        #expect(found.map(\.schemaPath) == [
            "#/patternProperties/^customfield_[0-9]+$/type", "#/additionalProperties",
        ])
    }

    @Test func propertyCounts() {
        let schema: JSONValue = ["minProperties": 1, "maxProperties": 2]
        #expect(issues([:], schema).map(\.schemaPath) == ["#/minProperties"])
        #expect(issues(["a": 1, "b": 2, "c": 3], schema).map(\.schemaPath) == ["#/maxProperties"])
        #expect(issues(["a": 1], schema).isEmpty)
    }

    @Test func objectKeywordsIgnoreOtherTypes() {
        #expect(issues("not an object", ["required": ["a"], "additionalProperties": false]).isEmpty)
    }

    @Test func pointerEscapingInPaths() {
        let schema: JSONValue = ["properties": ["a/b": ["properties": ["c~d": ["type": "string"]]]]]
        let found = issues(["a/b": ["c~d": 1]], schema)
        #expect(found.map(\.instancePath) == ["/a~1b/c~0d"])
        #expect(found.map(\.schemaPath) == ["#/properties/a~1b/properties/c~0d/type"])
    }
}
