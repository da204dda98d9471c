import ConnectorModel

/// Keywords that apply to objects.
enum ObjectCheck: Sendable {
    case minProperties(Int)
    case maxProperties(Int)
    case required([String])
    /// Sorted by name, so issues come out in a stable order.
    case properties([(name: String, schema: CompiledSchema)])
    case patternProperties([(pattern: String, schema: CompiledSchema)])
    /// Members matched by neither `properties` nor `patternProperties` must
    /// match `schema`; `nil` stands for `additionalProperties: false`.
    case additionalProperties(known: Set<String>, patterns: [String], schema: CompiledSchema?)

    static func compile(_ members: [String: JSONValue], at location: String, compiler: inout SchemaCompiler) -> [ObjectCheck] {
        var checks: [ObjectCheck] = []
        if let count = compiler.count(members, "minProperties", at: location) { checks.append(.minProperties(count)) }
        if let count = compiler.count(members, "maxProperties", at: location) { checks.append(.maxProperties(count)) }
        if let required = members["required"] {
            if let names = required.arrayValue?.compactMap(\.stringValue), !names.isEmpty {
                checks.append(.required(names))
            } else if required.arrayValue == nil {
                // OpenAPI 3.0 has no boolean `required` on a schema; draft 3 did.
                compiler.problem(at: location + "/required", "required must be an array of names; it is ignored")
            }
        }
        let properties = compiler.schemaMap(members, "properties", at: location) ?? []
        if !properties.isEmpty { checks.append(.properties(properties.map { (name: $0.0, schema: $0.1) })) }
        let patterns = compilePatterns(members, at: location, compiler: &compiler)
        if !patterns.isEmpty { checks.append(.patternProperties(patterns)) }
        if let additional = members["additionalProperties"] {
            let schema = compiler.compile(additional, at: location + "/additionalProperties")
            let forbidsAll = schema.checks.count == 1 && { if case .never = schema.checks[0] { true } else { false } }()
            // `true` and `{}` allow anything: no check at all.
            if forbidsAll || !schema.checks.isEmpty {
                checks.append(.additionalProperties(
                    known: Set(properties.map(\.0)), patterns: patterns.map(\.pattern), schema: forbidsAll ? nil : schema))
            }
        }
        return checks
    }

    private static func compilePatterns(
        _ members: [String: JSONValue], at location: String, compiler: inout SchemaCompiler
    ) -> [(pattern: String, schema: CompiledSchema)] {
        var compiled: [(pattern: String, schema: CompiledSchema)] = []
        for (pattern, schema) in compiler.schemaMap(members, "patternProperties", at: location) ?? [] {
            if (try? PatternRegex.compile(pattern)) == nil {
                compiler.problem(
                    at: location + "/patternProperties/" + JSONPointer.escape(pattern),
                    "pattern \(ValueDescription.literal(.string(pattern))) does not compile as a Swift Regex; members it would match count as additional")
                continue
            }
            compiled.append((pattern, schema))
        }
        return compiled
    }
}

extension ValidationRun {
    func evaluate(_ check: ObjectCheck, _ schema: CompiledSchema, _ members: [String: JSONValue]) {
        switch check {
        case .minProperties(let minimum):
            if members.count < minimum {
                report(schema, "minProperties", "object has \(members.count) properties, fewer than minProperties \(minimum)")
            }
        case .maxProperties(let maximum):
            if members.count > maximum {
                report(schema, "maxProperties", "object has \(members.count) properties, more than maxProperties \(maximum)")
            }
        case .required(let names):
            // Reported at the missing member's own path (`/values/0/key`), so
            // the path alone says what is missing and where.
            for name in names where members[name] == nil {
                report(schema, "required", "required property \"\(name)\" is missing", child: .key(name))
            }
        case .properties(let properties):
            for (name, propertySchema) in properties {
                if isFull { return }
                guard let value = members[name], !propertySchema.checks.isEmpty else { continue }
                descend(.key(name)) { evaluate(value, propertySchema) }
            }
        case .patternProperties(let patterns):
            for (pattern, propertySchema) in patterns {
                guard let regex = regex(pattern) else { continue }
                for name in members.keys.sorted() where PatternRegex.matches(regex, name) {
                    if isFull { return }
                    descend(.key(name)) { evaluate(members[name]!, propertySchema) }
                }
            }
        case .additionalProperties(let known, let patterns, let additionalSchema):
            checkAdditional(members, known: known, patterns: patterns, additionalSchema, schema)
        }
    }

    private func checkAdditional(
        _ members: [String: JSONValue], known: Set<String>, patterns: [String],
        _ additionalSchema: CompiledSchema?, _ schema: CompiledSchema
    ) {
        let regexes = patterns.compactMap { regex($0) }
        // Sorting only the extras keeps the common case (no extras) cheap.
        let extras = members.keys.filter { name in
            !known.contains(name) && !regexes.contains { PatternRegex.matches($0, name) }
        }.sorted()
        for name in extras {
            if isFull { return }
            if let additionalSchema {
                descend(.key(name)) { evaluate(members[name]!, additionalSchema) }
            } else {
                report(schema, "additionalProperties", "property \"\(name)\" is not allowed (additionalProperties is false)", child: .key(name))
            }
        }
    }
}
