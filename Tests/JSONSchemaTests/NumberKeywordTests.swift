import ConnectorModel
import JSONSchema
import Testing

@Suite("Number keywords")
struct NumberKeywordTests {
    @Test func inclusiveBounds() {
        let schema: JSONValue = ["minimum": 1, "maximum": 100]
        #expect(issues(1, schema).isEmpty)
        #expect(issues(100, schema).isEmpty)
        #expect(issues(0, schema).map(\.message) == ["0 is less than minimum 1"])
        #expect(issues(100.5, schema).map(\.message) == ["100.5 is greater than maximum 100"])
    }

    @Test func exclusiveBoundsOpenAPI30BooleanForm() {
        let schema: JSONValue = ["minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true]
        #expect(issues(5, schema).isEmpty)
        #expect(issues(0, schema).map(\.schemaPath) == ["#/exclusiveMinimum"])
        #expect(issues(10, schema).map(\.schemaPath) == ["#/exclusiveMaximum"])
        // `false` keeps the bounds inclusive.
        #expect(issues(0, ["minimum": 0, "exclusiveMinimum": false]).isEmpty)
    }

    @Test func exclusiveBounds2020NumberForm() {
        let schema: JSONValue = ["exclusiveMinimum": 0, "exclusiveMaximum": 10]
        #expect(issues(0.001, schema).isEmpty)
        #expect(issues(0, schema).map(\.message) == ["0 is not greater than exclusiveMinimum 0"])
        #expect(issues(10, schema).map(\.message) == ["10 is not less than exclusiveMaximum 10"])
    }

    @Test func multipleOfToleratesBinaryRounding() {
        #expect(issues(0.3, ["multipleOf": 0.1]).isEmpty)
        #expect(issues(19.99, ["multipleOf": 0.01]).isEmpty)
        #expect(issues(12, ["multipleOf": 4]).isEmpty)
        #expect(issues(10, ["multipleOf": 4]).map(\.message) == ["10 is not a multiple of 4"])
        #expect(issues(0.35, ["multipleOf": 0.1]).count == 1)
    }

    @Test func integerFormatsCheckTheRange() {
        #expect(issues(2_147_483_647, ["type": "integer", "format": "int32"]).isEmpty)
        #expect(issues(2_147_483_648, ["type": "integer", "format": "int32"]).map(\.schemaPath) == ["#/format"])
        #expect(issues(2_147_483_648, ["type": "integer", "format": "int64"]).isEmpty)
    }
}
