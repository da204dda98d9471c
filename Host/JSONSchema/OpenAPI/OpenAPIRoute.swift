import ConnectorModel

/// An operation's key in the document: method and path template.
public struct OpenAPIRoute: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Upper case: `GET`, `POST`, ...
    public let method: String
    /// The template as written under `paths` (`/rest/api/3/issue/{issueIdOrKey}`),
    /// without any server base path.
    public let template: String

    /// Creates a route; `method` is upper-cased.
    public init(method: String, template: String) {
        self.method = method.uppercased()
        self.template = template
    }

    /// Sorted by template, then method.
    public static func < (lhs: OpenAPIRoute, rhs: OpenAPIRoute) -> Bool {
        (lhs.template, lhs.method) < (rhs.template, rhs.method)
    }

    /// `GET /rest/api/3/myself`.
    public var description: String { "\(method) \(template)" }
}

/// The operation a concrete request maps to.
public struct OpenAPIOperation: Sendable {
    /// Method and template.
    public let route: OpenAPIRoute
    /// The server base path the request carried (`/wiki/api/v2`), `""` if none.
    public let basePath: String
    /// `operationId`, when the document gives one.
    public let operationId: String?
    /// Values of the template's parameters, percent-decoded (`issueIdOrKey: "PROJ-1"`).
    public let pathParameters: [String: String]
    /// Where the operation object is (`#/paths/~1rest~1api~13~1myself/get`).
    public let location: String
    /// The operation object itself.
    public let definition: JSONValue
}

/// The schema of one documented response body.
public struct OpenAPIResponseSchema: Sendable {
    /// The `responses` key that matched: `200`, `4XX` or `default`.
    public let statusKey: String
    /// The `content` key that matched (`application/json`).
    public let contentType: String
    /// The schema (often just a `$ref`).
    public let schema: JSONValue
    /// Where the schema is in the document; issues' `schemaPath`s start here.
    public let location: String
}
