import ConnectorModel
import JSONSchema
import Testing

@Suite("String keywords")
struct StringKeywordTests {
    @Test func lengthsCountCodePointsNotBytes() {
        let schema: JSONValue = ["minLength": 2, "maxLength": 3]
        #expect(issues("ab", schema).isEmpty)
        #expect(issues("äöü", schema).isEmpty, "6 UTF-8 bytes, 3 characters")
        #expect(issues("💩💩", schema).isEmpty, "4 UTF-16 units, 2 characters")
        #expect(issues("a", schema).map(\.message) == ["string has 1 characters, fewer than minLength 2"])
        #expect(issues("abcd", schema).map(\.schemaPath) == ["#/maxLength"])
    }

    @Test func patternIsUnanchoredAndECMALike() {
        #expect(issues("PROJ-123", ["pattern": "^[A-Z]+-[0-9]+$"]).isEmpty)
        #expect(issues("xx PROJ-1 yy", ["pattern": "[A-Z]+-\\d+"]).isEmpty, "patterns are not anchored")
        let found = issues("proj-1", ["pattern": "^[A-Z]+-[0-9]+$"])
        #expect(found.map(\.message) == ["string \"proj-1\" does not match pattern \"^[A-Z]+-[0-9]+$\""])
        #expect(found.map(\.schemaPath) == ["#/pattern"])
        // ECMA-262 `\d` is ASCII only.
        #expect(issues("٣", ["pattern": "^\\d$"]).count == 1)
    }

    @Test func patternThatSwiftCannotCompileIsASchemaProblemNotAFailure() {
        let schema: JSONValue = [
            "properties": [
                "a": ["type": "string", "pattern": "([a-z]"],
                "b": ["type": "string", "pattern": "([a-z]"],
            ]
        ]
        let validator = JSONSchemaValidator(document: schema)
        #expect(validator.validate(["a": "anything", "b": "at all"]).isEmpty)
        #expect(validator.validate(["a": 1]).map(\.schemaPath) == ["#/properties/a/type"], "other keywords still apply")
        #expect(validator.schemaProblems.map(\.schemaPath) == ["#/properties/a/pattern", "#/properties/b/pattern"])
        #expect(validator.schemaProblems.allSatisfy { $0.message.contains("does not compile") })
        // Reported once per place, not once per validation.
        _ = validator.validate(["a": "again"])
        #expect(validator.schemaProblems.count == 2)
    }

    @Test func stringKeywordsIgnoreOtherTypes() {
        #expect(issues(12, ["minLength": 5, "pattern": "^x$", "format": "email"]).isEmpty)
    }
}
