import ConnectorModel

/// Validates JSON values against JSON Schema (the OpenAPI 3.0 dialect and the
/// common 2020-12 keywords) inside one document.
///
/// The document is the scope for `$ref`: a manifest's `configSchema` is its
/// own document; for an OpenAPI description the whole description is, so
/// `#/components/schemas/Foo` resolves. Building a validator compiles the
/// schemas once; it is immutable and `Sendable`, so build it once and reuse it.
///
/// Supported keywords: `type` (string or array; "integer" is a number without
/// a fraction), `nullable`, `enum`, `const`, `properties`, `required`,
/// `additionalProperties`, `patternProperties`, `minProperties`,
/// `maxProperties`, `items`, `prefixItems`, `minItems`, `maxItems`,
/// `uniqueItems`, `minLength`, `maxLength`, `pattern`, `format` (`date-time`,
/// `date`, `uri`, `email`, `uuid`, `int32`, `int64`; others pass), `minimum`,
/// `maximum`, `exclusiveMinimum`/`exclusiveMaximum` (boolean 3.0 and numeric
/// 2020 forms), `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`, `$ref`.
/// Annotations (`readOnly`, `writeOnly`, `discriminator`, `example`,
/// `description`, the custom `secret`) do not affect validity.
public struct JSONSchemaValidator: Sendable {
    /// Knobs for a validator.
    public struct Options: Sendable {
        /// At most this many issues are returned; the rest of the instance is not visited.
        public var maxIssues: Int
        /// Whether `format` is asserted (true) or only an annotation (false).
        public var checksFormats: Bool

        /// Default: up to 100 issues, formats checked.
        public init(maxIssues: Int = 100, checksFormats: Bool = true) {
            self.maxIssues = maxIssues
            self.checksFormats = checksFormats
        }
    }

    /// The document `$ref`s resolve in.
    public var document: JSONValue { index.root }
    /// Defects of the schemas themselves (a `pattern` Swift cannot compile, a
    /// `$ref` to nowhere), each listed once. They never appear as validation
    /// issues, except that a dangling `$ref` is reported where it is used,
    /// because the value under it could not be checked at all.
    public var schemaProblems: [SchemaProblem] { index.problems }
    /// The options in force.
    public let options: Options

    let index: SchemaIndex

    /// Compiles `document`'s root, every `$ref` target in it, and each pointer
    /// in `schemaLocations` (schemas you will validate against often, such as
    /// OpenAPI response schemas that are written inline).
    public init(document: JSONValue, schemaLocations: [String] = [], options: Options = Options()) {
        self.index = SchemaIndex(root: document, extraLocations: schemaLocations)
        self.options = options
    }

    /// Validates `instance` against the document itself used as a schema
    /// (the usual case for a standalone schema such as a `configSchema`).
    /// An empty result means valid.
    public func validate(_ instance: JSONValue) -> [ValidationIssue] {
        run(instance, index.schemas["#"]!)
    }

    /// Validates `instance` against the schema at `pointer` in the document
    /// (`#/components/schemas/User`, `#/$defs/x`).
    public func validate(_ instance: JSONValue, againstSchemaAt pointer: String) -> [ValidationIssue] {
        if let canonical = JSONPointer.canonical(pointer), let schema = index.schemas[canonical] {
            return run(instance, schema)
        }
        guard let canonical = JSONPointer.canonical(pointer), let tokens = JSONPointer.tokens(of: canonical),
            let schema = JSONPointer.resolve(tokens, in: index.root)
        else {
            return [ValidationIssue(instancePath: "", schemaPath: pointer, message: "there is no schema at \(pointer) in the document")]
        }
        return validate(instance, against: schema, at: canonical)
    }

    /// Validates `instance` against `schema`, whose `$ref`s resolve in this
    /// validator's document. `location` is where `schema` sits in the
    /// document (it prefixes every `schemaPath`); `#` when it is not from it.
    ///
    /// `schema` is compiled for this call only; a `pattern` in it that Swift
    /// cannot compile is skipped silently (build a validator with `schema` as
    /// its document to see such problems in `schemaProblems`).
    public func validate(_ instance: JSONValue, against schema: JSONValue, at location: String = "#") -> [ValidationIssue] {
        var compiler = SchemaCompiler()
        return run(instance, compiler.compile(schema, at: location))
    }

    private func run(_ instance: JSONValue, _ schema: CompiledSchema) -> [ValidationIssue] {
        let run = ValidationRun(index: index, limit: options.maxIssues, checksFormats: options.checksFormats)
        run.evaluate(instance, schema)
        return run.issues
    }
}
