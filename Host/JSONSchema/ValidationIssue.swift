/// One way in which an instance fails its schema.
///
/// Both paths are JSON pointers so a reader can find the spot in the payload
/// and in the schema without guessing: `instancePath` is relative to the
/// validated value (`""` is the value itself, `/values/0/key` a member deep
/// inside it); `schemaPath` is a URI fragment in the schema's document
/// (`#/components/schemas/Webhook/required`), so it stays meaningful after a
/// `$ref` has been followed.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance the problem is, as a JSON pointer (`""` for the root).
    public var instancePath: String
    /// The keyword that failed, as a JSON pointer fragment into the schema document.
    public var schemaPath: String
    /// What is wrong, in words an operator understands.
    public var message: String

    /// Creates an issue; the validator and `OpenAPIDocument` are the usual sources.
    public init(instancePath: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.schemaPath = schemaPath
        self.message = message
    }

    /// `instancePath: message (schemaPath)`, with `(root)` standing in for the empty path.
    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(message) (\(schemaPath))"
    }
}

/// A defect of the schema itself, found once when the validator is built,
/// rather than a failure of any instance (a vendor `pattern` that Swift's
/// regex engine rejects, a `$ref` that points nowhere).
public struct SchemaProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the defect is, as a JSON pointer fragment (`#/components/schemas/X/pattern`).
    public var schemaPath: String
    /// What is wrong with the schema.
    public var message: String

    /// Creates a problem record.
    public init(schemaPath: String, message: String) {
        self.schemaPath = schemaPath
        self.message = message
    }

    /// `schemaPath: message`.
    public var description: String { "\(schemaPath): \(message)" }
}
