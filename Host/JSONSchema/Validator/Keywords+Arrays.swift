import ConnectorModel

/// Keywords that apply to arrays.
enum ArrayCheck: Sendable {
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    /// `prefixItems` (2020), or `items` given as an array (drafts 4 to 2019).
    case prefixItems([CompiledSchema])
    /// `items` as a schema: every element from `start` on (after the prefix) must match.
    case items(CompiledSchema, start: Int)

    static func compile(_ members: [String: JSONValue], at location: String, compiler: inout SchemaCompiler) -> [ArrayCheck] {
        var checks: [ArrayCheck] = []
        if let count = compiler.count(members, "minItems", at: location) { checks.append(.minItems(count)) }
        if let count = compiler.count(members, "maxItems", at: location) { checks.append(.maxItems(count)) }
        if members["uniqueItems"] == .bool(true) { checks.append(.uniqueItems) }
        var prefixCount = 0
        if let prefix = compiler.schemaList(members, "prefixItems", at: location) {
            checks.append(.prefixItems(prefix))
            prefixCount = prefix.count
        }
        switch members["items"] {
        case .array:
            // Tuple form of older drafts; `additionalItems` is not supported.
            if let tuple = compiler.schemaList(members, "items", at: location) { checks.append(.prefixItems(tuple)) }
        case .some(let schema):
            checks.append(.items(compiler.compile(schema, at: location + "/items"), start: prefixCount))
        case nil:
            break
        }
        return checks
    }
}

extension ValidationRun {
    func evaluate(_ check: ArrayCheck, _ schema: CompiledSchema, _ elements: [JSONValue]) {
        switch check {
        case .minItems(let minimum):
            if elements.count < minimum {
                report(schema, "minItems", "array has \(elements.count) items, fewer than minItems \(minimum)")
            }
        case .maxItems(let maximum):
            if elements.count > maximum {
                report(schema, "maxItems", "array has \(elements.count) items, more than maxItems \(maximum)")
            }
        case .uniqueItems:
            checkUnique(elements, schema)
        case .prefixItems(let schemas):
            for (index, itemSchema) in zip(elements.indices, schemas) {
                if isFull { return }
                descend(.index(index)) { evaluate(elements[index], itemSchema) }
            }
        case .items(let itemSchema, let start):
            // The empty schema (`items: {}`) accepts anything: skip the walk.
            guard !itemSchema.checks.isEmpty, start < elements.count else { return }
            for index in start..<elements.count {
                if isFull { return }
                descend(.index(index)) { evaluate(elements[index], itemSchema) }
            }
        }
    }

    private func checkUnique(_ elements: [JSONValue], _ schema: CompiledSchema) {
        var firstIndex: [JSONValue: Int] = [:]
        for (index, element) in elements.enumerated() {
            if let earlier = firstIndex.updateValue(index, forKey: element) {
                report(schema, "uniqueItems", "items \(earlier) and \(index) are equal, but uniqueItems is true")
                return
            }
        }
    }
}
