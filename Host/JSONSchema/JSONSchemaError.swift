/// The one error type of this module: a document could not be loaded.
///
/// Validation failures are not errors (they come back as `[ValidationIssue]`);
/// this is thrown only when the input is not something we can validate with.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. Opaque so new kinds can be added without
    /// breaking exhaustive switches in callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String {
            case invalidJSON = "invalid JSON"
            case notAnOpenAPIDocument = "not an OpenAPI document"
            case unsupportedOpenAPIVersion = "unsupported OpenAPI version"
        }

        private let kind: Kind

        /// The bytes are not JSON.
        public static let invalidJSON = Code(kind: .invalidJSON)
        /// The JSON is not an object with a `paths` object.
        public static let notAnOpenAPIDocument = Code(kind: .notAnOpenAPIDocument)
        /// The `openapi` field is missing or not 3.x (Swagger 2.0 is not supported).
        public static let unsupportedOpenAPIVersion = Code(kind: .unsupportedOpenAPIVersion)

        /// The kind in words.
        public var description: String { kind.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// Details for a human.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
