/// Why a call failed (the error document of `connector_abi.h`).
public struct ErrorDocument: Codable, Sendable, Equatable, Error {
    public var code: String
    public var message: String
    public var details: JSONValue?
    /// Seconds to wait before retrying, for `rate_limited`.
    public var retryAfter: Int?

    public init(code: String, message: String, details: JSONValue? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }
}

extension ErrorDocument {
    /// The stable codes every connector maps provider failures to.
    public enum Code {
        public static let notConfigured = "not_configured"
        public static let invalidInput = "invalid_input"
        public static let invalidCredentials = "invalid_credentials"
        public static let authExpired = "auth_expired"
        public static let forbidden = "forbidden"
        public static let notFound = "not_found"
        public static let rateLimited = "rate_limited"
        public static let upstreamUnavailable = "upstream_unavailable"
        public static let upstreamBadResponse = "upstream_bad_response"
        public static let unsupportedOperation = "unsupported_operation"
        public static let internalError = "plugin_internal_error"
    }
}
