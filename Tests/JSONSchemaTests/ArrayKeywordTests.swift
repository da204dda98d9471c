import ConnectorModel
import JSONSchema
import Testing

@Suite("Array keywords")
struct ArrayKeywordTests {
    @Test func itemsReportsIndexedPaths() {
        let schema: JSONValue = [
            "properties": ["values": ["type": "array", "items": ["required": ["key"], "properties": ["key": ["type": "string"]]]]]
        ]
        let found = issues(["values": [["key": "a"], ["key": 2], [:]]], schema)
        #expect(found.map(\.instancePath) == ["/values/1/key", "/values/2/key"])
        #expect(found.map(\.schemaPath) == ["#/properties/values/items/properties/key/type", "#/properties/values/items/required"])
    }

    @Test func itemCounts() {
        let schema: JSONValue = ["minItems": 1, "maxItems": 2]
        #expect(issues([], schema).map(\.message) == ["array has 0 items, fewer than minItems 1"])
        #expect(issues([1, 2, 3], schema).map(\.message) == ["array has 3 items, more than maxItems 2"])
        #expect(issues([1], schema).isEmpty)
    }

    @Test func uniqueItemsComparesAsJSON() {
        let schema: JSONValue = ["uniqueItems": true]
        #expect(issues([1, 2, ["a": 1]], schema).isEmpty)
        #expect(issues([1, 2, 1.0], schema).map(\.message) == ["items 0 and 2 are equal, but uniqueItems is true"])
        #expect(issues([["a": 1, "b": 2], ["b": 2, "a": 1]], schema).count == 1)
        #expect(issues([1, 1], ["uniqueItems": false]).isEmpty)
    }

    @Test func prefixItemsThenItems() {
        let schema: JSONValue = ["prefixItems": [["type": "string"], ["type": "integer"]], "items": ["type": "boolean"]]
        #expect(issues(["a", 1, true, false], schema).isEmpty)
        #expect(issues(["a"], schema).isEmpty)
        let found = issues([1, "b", "c"], schema)
        #expect(found.map(\.instancePath) == ["/0", "/1", "/2"])
        #expect(found.map(\.schemaPath) == ["#/prefixItems/0/type", "#/prefixItems/1/type", "#/items/type"])
    }

    @Test func olderTupleFormOfItems() {
        let schema: JSONValue = ["items": [["type": "string"], ["type": "integer"]]]
        #expect(issues(["a", 1, "extra is unconstrained"], schema).isEmpty)
        #expect(issues([1], schema).map(\.schemaPath) == ["#/items/0/type"])
    }
}
