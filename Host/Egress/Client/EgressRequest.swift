/// One HTTP header field, as sent or as received.
public struct EgressHeader: Sendable, Equatable, Hashable {
    /// The field name. Response header names are always lower case.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// A header field called `name` with `value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// An outbound HTTP request that the host performs on behalf of a connector.
public struct EgressRequest: Sendable {
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE` or `HEAD` (any other method is refused).
    public var method: String
    /// An absolute `http` or `https` URL; anything else is refused before curl sees it.
    public var url: String
    /// Header fields in the order they are sent. `Content-Length` is computed from `body`.
    public var headers: [EgressHeader]
    /// The request body; may be empty. Kept in full so a retry can resend it.
    public var body: [UInt8]
    /// Total time allowed, retries included; `nil` means `EgressConfiguration.defaultTimeout`.
    public var timeout: Duration?
    /// Extra fields for the egress log line, such as the connector id or the request id.
    public var logMetadata: [String: String]

    /// A request; only `url` is required.
    public init(
        method: String = "GET", url: String, headers: [EgressHeader] = [], body: [UInt8] = [],
        timeout: Duration? = nil, logMetadata: [String: String] = [:]
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.logMetadata = logMetadata
    }
}
