import ConnectorModel

extension ValidationRun {
    /// Checks `instance` against `schema`, reporting issues at the current instance path.
    func evaluate(_ instance: JSONValue, _ schema: CompiledSchema) {
        // OpenAPI 3.0: `nullable: true` adds null to whatever else is allowed.
        // Vendors pair it with `enum` and `allOf` too, meaning "or null".
        if schema.nullable, case .null = instance { return }
        if schema.isSecret { secretDepth += 1 }
        defer { if schema.isSecret { secretDepth -= 1 } }

        for check in schema.checks {
            if isFull { return }
            switch check {
            case .never:
                report(schema, "", "no value is allowed here (the schema is false)")
            case .ref(let pointer):
                follow(pointer, from: schema, instance)
            case .type(let types):
                checkType(types, schema, instance)
            case .enumeration(let values):
                checkEnum(values, schema, instance)
            case .constant(let value):
                checkConst(value, schema, instance)
            case .number(let check):
                if case .number(let number) = instance { evaluate(check, schema, number) }
            case .string(let check):
                if case .string(let text) = instance { evaluate(check, schema, text) }
            case .array(let check):
                if case .array(let elements) = instance { evaluate(check, schema, elements) }
            case .object(let check):
                if case .object(let members) = instance { evaluate(check, schema, members) }
            case .combinator(let check):
                evaluate(check, schema, instance)
            }
        }
    }

    /// Follows `$ref`. Siblings of `$ref` are checked too (JSON Schema 2019+);
    /// OpenAPI 3.0 says they are ignored, but none of the vendor specs we use
    /// put anything next to a `$ref`.
    private func follow(_ pointer: String, from schema: CompiledSchema, _ instance: JSONValue) {
        guard let target = resolve(pointer) else {
            report(schema, "$ref", "the schema reference \(pointer) does not resolve, so this value cannot be checked")
            return
        }
        // The same schema on the same value again means a reference cycle
        // that consumes no input (`A: {$ref: A}`); the outer visit already
        // checks everything the inner one would.
        let visit = RefVisit(pointer: pointer, depth: depth)
        guard activeRefs.insert(visit).inserted else { return }
        evaluate(instance, target)
        activeRefs.remove(visit)
    }

    /// The compiled schema a `$ref` points at, compiling it now if the index
    /// has not (a schema passed in directly may refer to places the index did not scan).
    private func resolve(_ pointer: String) -> CompiledSchema? {
        if let known = index.schemas[pointer] { return known }
        if let late = lateSchemas[pointer] { return late }
        var compiled: CompiledSchema?
        if let tokens = JSONPointer.tokens(of: pointer), let target = JSONPointer.resolve(tokens, in: index.root) {
            var compiler = SchemaCompiler()
            compiled = compiler.compile(target, at: pointer)
        }
        lateSchemas[pointer] = compiled
        return compiled
    }
}
