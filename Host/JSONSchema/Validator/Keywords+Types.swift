import ConnectorModel

// `type`, `enum` and `const`: the keywords that apply to every kind of value.
extension ValidationRun {
    func checkType(_ types: JSONTypeSet, _ schema: CompiledSchema, _ instance: JSONValue) {
        guard !types.admits(instance) else { return }
        let allowed = schema.nullable && !types.contains(.null) ? types.phrase + " or null" : types.phrase
        report(schema, "type", "expected \(allowed), got \(describe(instance))")
    }

    func checkEnum(_ values: [JSONValue], _ schema: CompiledSchema, _ instance: JSONValue) {
        // JSONValue equality is JSON equality: numbers compare as numbers
        // (1 == 1.0) and objects ignore member order.
        guard !values.contains(instance) else { return }
        report(schema, "enum", "\(describe(instance)) is not one of \(ValueDescription.list(values, hidden: secretDepth > 0))")
    }

    func checkConst(_ value: JSONValue, _ schema: CompiledSchema, _ instance: JSONValue) {
        guard instance != value else { return }
        let expected = secretDepth > 0 ? "the constant value" : ValueDescription.literal(value)
        report(schema, "const", "expected \(expected), got \(describe(instance))")
    }
}
