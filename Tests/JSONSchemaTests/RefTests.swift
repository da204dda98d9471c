import ConnectorModel
import JSONSchema
import Testing

@Suite("$ref")
struct RefTests {
    @Test func componentsRefsResolveInTheDocument() throws {
        let document = try json("""
            {"components": {"schemas": {
              "Page": {"type": "object", "properties": {"values": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}},
              "Item": {"type": "object", "required": ["key"], "properties": {"key": {"type": "string"}}}
            }}}
            """)
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.schemaProblems.isEmpty)
        #expect(validator.validate(["values": [["key": "a"]]], againstSchemaAt: "#/components/schemas/Page").isEmpty)
        let found = validator.validate(["values": [["key": "a"], ["key": 1]]], againstSchemaAt: "#/components/schemas/Page")
        #expect(found.map(\.instancePath) == ["/values/1/key"])
        // The schema path names the schema where the keyword is, after the $ref.
        #expect(found.map(\.schemaPath) == ["#/components/schemas/Item/properties/key/type"])
    }

    @Test func defsAndRootRefs() {
        let document: JSONValue = [
            "$defs": ["port": ["type": "integer", "minimum": 1, "maximum": 65535]],
            "properties": ["port": ["$ref": "#/$defs/port"], "again": ["$ref": "#"]],
        ]
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.validate(["port": 443, "again": ["port": 80]]).isEmpty)
        #expect(validator.validate(["again": ["port": 0]]).map(\.instancePath) == ["/again/port"])
    }

    @Test func pointerEscapesAndPercentEncodingInRefs() {
        let document: JSONValue = [
            "$defs": ["a/b": ["type": "string"], "c~d": ["type": "integer"], "e f": ["type": "boolean"]],
            "properties": [
                "slash": ["$ref": "#/$defs/a~1b"],
                "tilde": ["$ref": "#/$defs/c~0d"],
                "space": ["$ref": "#/$defs/e%20f"],
            ],
        ]
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.schemaProblems.isEmpty)
        #expect(validator.validate(["slash": "s", "tilde": 1, "space": true]).isEmpty)
        let found = validator.validate(["slash": 1, "tilde": "t", "space": 0])
        #expect(found.map(\.schemaPath) == ["#/$defs/a~1b/type", "#/$defs/e f/type", "#/$defs/c~0d/type"])
    }

    @Test func recursiveSchemaFollowsTheInstance() throws {
        let document = try json("""
            {"$defs": {"node": {"type": "object", "required": ["name"],
              "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
             "$ref": "#/$defs/node"}
            """)
        let validator = JSONSchemaValidator(document: document)
        let tree: JSONValue = ["name": "root", "children": [["name": "a", "children": [["name": "a1"], ["children": []]]]]]
        let found = validator.validate(tree)
        #expect(found.map(\.instancePath) == ["/children/0/children/1/name"])
    }

    @Test func referenceCyclesWithoutProgressTerminate() {
        // A refers to B, B to A, on the same value: a naive validator recurses forever.
        let document: JSONValue = [
            "$defs": [
                "A": ["allOf": [["$ref": "#/$defs/B"]], "type": "object"],
                "B": ["anyOf": [["$ref": "#/$defs/A"], ["required": ["x"]]]],
                "self": ["$ref": "#/$defs/self"],
            ]
        ]
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.validate(["x": 1], againstSchemaAt: "#/$defs/A").isEmpty)
        #expect(validator.validate("anything", againstSchemaAt: "#/$defs/self").isEmpty)
        #expect(validator.validate("s", againstSchemaAt: "#/$defs/A").map(\.schemaPath) == ["#/$defs/A/type"])
    }

    @Test func danglingRefIsASchemaProblemAndAnIssue() {
        let document: JSONValue = ["properties": ["a": ["$ref": "#/$defs/missing"], "b": ["$ref": "other.json#/x"]]]
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.schemaProblems.map(\.schemaPath) == ["#/properties/a/$ref", "#/properties/b/$ref"])
        // The value under it cannot be checked, so the caller must hear about it.
        let found = validator.validate(["a": 1])
        #expect(found.map(\.schemaPath) == ["#/properties/a/$ref"])
        #expect(found.first?.message.contains("does not resolve") == true)
    }

    @Test func propertiesNamedLikeDataKeywordsAreStillScanned() {
        // `default` and `enum` hold data, but a property may be called that.
        let document: JSONValue = ["properties": ["default": ["$ref": "#/$defs/nope"], "enum": ["default": 1]]]
        let validator = JSONSchemaValidator(document: document)
        #expect(validator.schemaProblems.map(\.schemaPath) == ["#/properties/default/$ref"])
    }

    @Test func openAPINonSchemaComponentsAreNotReadAsSchemas() throws {
        // A parameter object's `required: true` is not the schema keyword.
        let document = try OpenAPIDocument(json("""
            {"openapi": "3.0.3", "paths": {"/x": {"get": {
               "parameters": [{"$ref": "#/components/parameters/Tenant"}, {"$ref": "#/components/parameters/Gone"}],
               "responses": {"200": {"$ref": "#/components/responses/Ok"}}}}},
             "components": {
               "parameters": {"Tenant": {"name": "X-Tenant", "in": "header", "required": true, "schema": {"type": "string"}}},
               "responses": {"Ok": {"description": "ok", "content": {"application/json": {"schema": {"required": ["id"]}}}}}}}
            """))
        #expect(document.validator.schemaProblems.map(\.description) == [
            "#/paths/~1x/get/parameters/1/$ref: #/components/parameters/Gone does not exist in the document"
        ])
        #expect(document.validateResponse(method: "GET", path: "/x", status: 200, contentType: nil, body: [:]).map(\.instancePath) == ["/id"])
    }

    @Test func validatingAgainstAMissingLocation() {
        let found = JSONSchemaValidator(document: [:]).validate(1, againstSchemaAt: "#/components/schemas/Nope")
        #expect(found.map(\.message) == ["there is no schema at #/components/schemas/Nope in the document"])
    }

    @Test func inlineSchemaAgainstTheDocument() {
        let validator = JSONSchemaValidator(document: ["$defs": ["id": ["type": "string"]]])
        let schema: JSONValue = ["type": "array", "items": ["$ref": "#/$defs/id"]]
        #expect(validator.validate(["a"], against: schema).isEmpty)
        #expect(validator.validate([1], against: schema, at: "#/inline").map(\.schemaPath) == ["#/$defs/id/type"])
    }
}
