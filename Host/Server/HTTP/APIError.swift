import ConnectorModel
import Hummingbird

/// The one error type handlers throw. Its status and code are what the client
/// sees, inside the `{"ok":false,"error":{...}}` envelope.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    /// Stable snake_case code clients can branch on.
    public var code: String
    /// For humans; never contains a secret.
    public var message: String
    public var details: JSONValue?
    /// Extra response headers, e.g. `Retry-After` or `Allow`.
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, details: JSONValue? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    public static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(.notFound, code: "\(what)_not_found", "No \(what.replacingOccurrences(of: "_", with: " ")) \"\(id)\".")
    }

    public static func invalidRequest(_ message: String, details: JSONValue? = nil) -> APIError {
        APIError(.badRequest, code: "invalid_request", message, details: details)
    }
}
