import ConnectorModel

/// `allOf`, `anyOf`, `oneOf` and `not`.
enum CombinatorCheck: Sendable {
    case allOf([CompiledSchema])
    case anyOf([CompiledSchema])
    case oneOf([CompiledSchema])
    case not(CompiledSchema)

    static func compile(_ members: [String: JSONValue], at location: String, compiler: inout SchemaCompiler) -> [CombinatorCheck] {
        var checks: [CombinatorCheck] = []
        if let schemas = compiler.schemaList(members, "allOf", at: location) { checks.append(.allOf(schemas)) }
        if let schemas = compiler.schemaList(members, "anyOf", at: location) { checks.append(.anyOf(schemas)) }
        if let schemas = compiler.schemaList(members, "oneOf", at: location) { checks.append(.oneOf(schemas)) }
        if let schema = members["not"] { checks.append(.not(compiler.compile(schema, at: location + "/not"))) }
        return checks
    }
}

extension ValidationRun {
    func evaluate(_ check: CombinatorCheck, _ schema: CompiledSchema, _ instance: JSONValue) {
        switch check {
        case .allOf(let schemas):
            // Issues of every member are the caller's issues: report them as they are.
            for member in schemas {
                if isFull { return }
                evaluate(instance, member)
            }
        case .anyOf(let schemas):
            guard !schemas.contains(where: { probe(instance, $0) }) else { return }
            reportNoMatch("anyOf", schemas, schema, instance)
        case .oneOf(let schemas):
            let matching = schemas.indices.filter { probe(instance, schemas[$0]) }
            if matching.isEmpty {
                reportNoMatch("oneOf", schemas, schema, instance)
            } else if matching.count > 1 {
                let which = matching.map { "#\($0)" }.joined(separator: ", ")
                report(schema, "oneOf", "\(describe(instance)) matches \(matching.count) of the oneOf alternatives (\(which)); exactly one must match")
            }
        case .not(let negated):
            if probe(instance, negated) {
                report(schema, "not", "\(describe(instance)) matches the schema under not, which it must not")
            }
        }
    }

    /// Says no alternative matched, then lists the issues of the alternative
    /// that came closest (fewest issues): "matched none" alone rarely tells
    /// the reader which field to fix.
    private func reportNoMatch(_ keyword: String, _ schemas: [CompiledSchema], _ schema: CompiledSchema, _ instance: JSONValue) {
        report(schema, keyword, "\(describe(instance)) matches none of the \(schemas.count) \(keyword) alternatives")
        let room = limit - issues.count
        guard room > 0 else { return }
        var closest: [ValidationIssue]?
        for member in schemas {
            let found = collect(instance, member, limit: room)
            if closest == nil || found.count < closest!.count { closest = found }
        }
        issues += closest ?? []
    }
}
