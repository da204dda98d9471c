import ConnectorModel

/// What a validator works out once about its document: the compiled form of
/// the root, of every `$ref` target and of any extra locations asked for,
/// and the defects of the schemas themselves.
struct SchemaIndex: Sendable {
    let root: JSONValue
    /// Keyed by canonical pointer (`#/components/schemas/User`); `#` is the root.
    let schemas: [String: CompiledSchema]
    let problems: [SchemaProblem]

    init(root: JSONValue, extraLocations: [String]) {
        self.root = root
        var references: [(target: String, from: String)] = []
        Self.collectReferences(in: root, at: [], into: &references)

        var compiler = SchemaCompiler()
        var schemas = ["#": compiler.compile(root, at: "#")]
        var problems: [SchemaProblem] = []
        let wanted = references.map { ($0.target, $0.from) } + extraLocations.map { ($0, $0) }
        for (target, from) in wanted {
            guard let canonical = JSONPointer.canonical(target) else {
                problems.append(SchemaProblem(schemaPath: from, message: "$ref \(target) is not a local JSON pointer; only #/... references are supported"))
                continue
            }
            guard schemas[canonical] == nil else { continue }
            guard let tokens = JSONPointer.tokens(of: canonical), let schema = JSONPointer.resolve(tokens, in: root) else {
                problems.append(SchemaProblem(schemaPath: from, message: "\(canonical) does not exist in the document"))
                continue
            }
            if Self.isSchemaLocation(tokens) { schemas[canonical] = compiler.compile(schema, at: canonical) }
        }
        // A location compiled both on its own and inside its parent reports
        // its defects twice; each defect is listed once.
        self.problems = Set(problems + compiler.problems).sorted { ($0.schemaPath, $0.message) < ($1.schemaPath, $1.message) }
        self.schemas = schemas
    }

    /// False for OpenAPI objects that are not schemas (`#/components/parameters/X`,
    /// `#/components/responses/Y`, path items): a parameter's `required: true`
    /// is not the schema keyword. Anything else is taken for a schema, which
    /// is right for standalone schema documents (`#/$defs/x`, `#/properties/y`).
    static func isSchemaLocation(_ tokens: [String]) -> Bool {
        switch tokens.first {
        case "components": tokens.count >= 2 && (tokens[1] == "schemas" || tokens.dropFirst(2).contains("schema"))
        case "paths", "webhooks": tokens.contains("schema")
        default: true
        }
    }

    /// Every `$ref` string in the document, with where it was found (as a
    /// pointer to the `$ref` member). Data-valued members (`example`,
    /// `default`, `enum`, vendor `x-` extensions) are skipped: a `$ref` key
    /// inside sample data is not a reference. Inside maps of names
    /// (`properties`, `schemas`, ...) every key is walked, since a property
    /// may well be called `default`.
    private static func collectReferences(
        in value: JSONValue, at path: [String], into references: inout [(target: String, from: String)]
    ) {
        switch value {
        case .object(let members):
            if let target = members["$ref"]?.stringValue {
                references.append((target, JSONPointer.fragment(of: path + ["$ref"])))
            }
            let keysAreNames = path.last.map(nameMaps.contains) ?? false
            for key in members.keys.sorted() where keysAreNames || (!dataKeys.contains(key) && !key.hasPrefix("x-")) {
                collectReferences(in: members[key]!, at: path + [key], into: &references)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                collectReferences(in: element, at: path + [String(index)], into: &references)
            }
        default:
            break
        }
    }

    private static let dataKeys: Set<String> = ["example", "examples", "default", "enum", "const"]
    private static let nameMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "schemas", "responses", "parameters",
        "requestBodies", "headers", "content", "paths",
    ]
}
