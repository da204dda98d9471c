import ConnectorModel
import JSONSchema
import Testing

@Suite("type, nullable, enum, const")
struct TypeKeywordTests {
    @Test func integerMeansANumberWithoutFraction() {
        let schema: JSONValue = ["type": "integer"]
        #expect(issues(3, schema).isEmpty)
        #expect(issues(3.0, schema).isEmpty, "1.0 is an integer in JSON Schema")
        #expect(issues(-0.0, schema).isEmpty)
        let found = issues(3.5, schema)
        #expect(found.map(\.message) == ["expected integer, got number 3.5"])
        #expect(found.first?.schemaPath == "#/type")
        #expect(issues("3", schema).count == 1)
    }

    @Test func numberAcceptsIntegersAndFractions() {
        let schema: JSONValue = ["type": "number"]
        #expect(issues(3, schema).isEmpty)
        #expect(issues(3.5, schema).isEmpty)
        #expect(issues(true, schema).map(\.message) == ["expected number, got boolean true"])
    }

    @Test func typeArrayAllowsAnyListedType() {
        let schema: JSONValue = ["type": ["string", "null"]]
        #expect(issues("x", schema).isEmpty)
        #expect(issues(nil, schema).isEmpty)
        #expect(issues(1, schema).map(\.message) == ["expected string or null, got number 1"])
    }

    @Test func eachTypeRejectsTheOthers() {
        let values: [JSONValue] = [nil, true, 1.5, "s", [1], ["a": 1]]
        for (name, admitted) in [("null", 0), ("boolean", 1), ("number", 2), ("string", 3), ("array", 4), ("object", 5)] {
            for (index, value) in values.enumerated() {
                #expect(issues(value, ["type": .string(name)]).isEmpty == (index == admitted), "\(name) vs \(value)")
            }
        }
    }

    @Test func nullableAddsNullToTheType() {
        let schema: JSONValue = ["type": "string", "nullable": true]
        #expect(issues(nil, schema).isEmpty)
        #expect(issues("x", schema).isEmpty)
        #expect(issues(1, schema).map(\.message) == ["expected string or null, got number 1"])
        #expect(issues(nil, ["type": "string"]).map(\.message) == ["expected string, got null"])
        #expect(issues(nil, ["type": "string", "nullable": false]).count == 1)
    }

    @Test func nullableAlsoCoversEnumAndAllOf() {
        // Vendors write `nullable` next to `enum` and `allOf: [$ref]` meaning "or null".
        #expect(issues(nil, ["type": "string", "enum": ["a", "b"], "nullable": true]).isEmpty)
        let document: JSONValue = [
            "properties": ["owner": ["nullable": true, "allOf": [["$ref": "#/$defs/user"]]]],
            "$defs": ["user": ["type": "object", "required": ["id"]]],
        ]
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.validate(["owner": nil]).isEmpty)
        #expect(validator.validate(["owner": [:]]).map(\.instancePath) == ["/owner/id"])
    }

    @Test func enumComparesAsJSON() {
        let schema: JSONValue = ["enum": ["a", 1, ["k": [true]], nil]]
        #expect(issues("a", schema).isEmpty)
        #expect(issues(1.0, schema).isEmpty)
        #expect(issues(["k": [true]], schema).isEmpty)
        #expect(issues(nil, schema).isEmpty)
        #expect(issues("b", schema).map(\.message) == ["string \"b\" is not one of [\"a\", 1, object (1 member), null]"])
        #expect(issues("b", schema).first?.schemaPath == "#/enum")
    }

    @Test func constRequiresEquality() {
        let schema: JSONValue = ["const": ["v": 2]]
        #expect(issues(["v": 2.0], schema).isEmpty)
        #expect(issues(["v": 3], schema).map(\.schemaPath) == ["#/const"])
    }

    @Test func booleanSchemas() {
        #expect(issues(["anything": 1], true).isEmpty)
        #expect(issues(1, false).map(\.schemaPath) == ["#"])
        let schema: JSONValue = ["properties": ["gone": false]]
        #expect(issues(["gone": 1], schema).map(\.instancePath) == ["/gone"])
        #expect(issues(["kept": 1], schema).isEmpty)
    }

    @Test func annotationsAndUnknownKeywordsDoNotAffectValidity() {
        let schema: JSONValue = [
            "type": "string", "readOnly": true, "writeOnly": true, "description": "d", "example": 5,
            "discriminator": ["propertyName": "kind"], "x-vendor": 1, "secret": true,
        ]
        #expect(issues("x", schema).isEmpty)
    }
}
