import ConnectorModel

/// An OpenAPI 3.x description, for finding the operation behind a request
/// and checking a response against what the document promises.
///
/// Build it once per document; it is immutable and `Sendable`. Matching
/// follows the document's `servers`: when they carry a path (`/wiki/api/v2`),
/// requests must carry it too.
public struct OpenAPIDocument: Sendable {
    /// The whole document.
    public var root: JSONValue { validator.document }
    /// The `openapi` version string (`3.0.1`).
    public let version: String
    /// Base paths from `servers` (`""` for a bare host), tried in order.
    public let basePaths: [String]
    /// Every documented operation, sorted by template then method, for
    /// checking a router against the document.
    public let paths: [OpenAPIRoute]
    /// Validates bodies; its document is this one, so `$ref`s resolve.
    public let validator: JSONSchemaValidator

    let pathItems: [PathItem]

    /// One entry of `paths`, with its template already combined with every base path.
    struct PathItem: Sendable {
        let template: String
        let location: String
        let variants: [(basePath: String, template: PathTemplate)]
        /// Operation objects by upper-case method.
        let operations: [String: JSONValue]
    }

    /// Loads a document from JSON bytes.
    public init(json bytes: some Collection<UInt8>, options: JSONSchemaValidator.Options = .init()) throws {
        let root: JSONValue
        do {
            root = try WireCoding.decode(JSONValue.self, from: bytes)
        } catch {
            throw JSONSchemaError(.invalidJSON, "the OpenAPI document is not valid JSON: \(error)")
        }
        try self.init(root, options: options)
    }

    /// Loads a document from its JSON tree.
    public init(_ root: JSONValue, options: JSONSchemaValidator.Options = .init()) throws {
        guard let pathsObject = root["paths"]?.objectValue else {
            throw JSONSchemaError(.notAnOpenAPIDocument, "the document has no \"paths\" object")
        }
        guard let version = root["openapi"]?.stringValue, version.hasPrefix("3.") else {
            let found = root["openapi"]?.stringValue ?? root["swagger"]?.stringValue.map { "swagger \($0)" } ?? "none"
            throw JSONSchemaError(.unsupportedOpenAPIVersion, "expected \"openapi\": \"3.x\", found \(found)")
        }
        self.version = version
        basePaths = ServerBasePaths.of(root)
        let bases = basePaths.map { ($0, PathTemplate($0)) }

        var items: [PathItem] = []
        var routes: [OpenAPIRoute] = []
        var schemaLocations: [String] = []
        for template in pathsObject.keys.sorted() {
            let location = JSONPointer.fragment(of: ["paths", template])
            var operations: [String: JSONValue] = [:]
            for (key, operation) in pathsObject[template]?.objectValue ?? [:] where Self.methods.contains(key) {
                operations[key.uppercased()] = operation
                routes.append(OpenAPIRoute(method: key, template: template))
                schemaLocations += Self.responseSchemaLocations(operation, at: location + "/" + key)
            }
            let own = PathTemplate(template)
            items.append(PathItem(
                template: template, location: location,
                variants: bases.map { ($0.0, own.prefixed(by: $0.1)) }, operations: operations))
        }
        for (name, response) in root["components"]?["responses"]?.objectValue ?? [:] {
            schemaLocations += Self.bodySchemaLocations(response, at: JSONPointer.fragment(of: ["components", "responses", name]))
        }
        pathItems = items
        paths = routes.sorted()
        validator = JSONSchemaValidator(document: root, schemaLocations: schemaLocations, options: options)
    }

    /// The operation keys a path item may hold.
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Pointers to every inline response body schema of `operation`, so the
    /// validator compiles them once instead of on every response.
    private static func responseSchemaLocations(_ operation: JSONValue, at location: String) -> [String] {
        let responses = operation["responses"]?.objectValue ?? [:]
        return responses.flatMap { status, response in
            bodySchemaLocations(response, at: location + "/responses/" + JSONPointer.escape(status))
        }
    }

    private static func bodySchemaLocations(_ response: JSONValue, at location: String) -> [String] {
        let content = response["content"]?.objectValue ?? [:]
        return content.compactMap { mediaType, media in
            media["schema"] == nil ? nil : location + "/content/" + JSONPointer.escape(mediaType) + "/schema"
        }
    }
}
