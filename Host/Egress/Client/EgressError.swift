/// Why an outbound request produced no response. A response with any status,
/// 4xx and 5xx included, is a success at this layer: the caller decides what it means.
public struct EgressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad reason, one per `UCP_HTTP_*` transport outcome in the plugin ABI.
    public enum Kind: Sendable {
        /// No complete response within the request's timeout.
        case timeout
        /// DNS, TCP or TLS failure before a response.
        case connectFailed
        /// Cancelled through `EgressClient.cancel`, task cancellation or shutdown.
        case cancelled
        /// Refused before sending: malformed URL, scheme other than http(s), bad method or header.
        case refused
        /// Any other transport failure, such as an oversize response; see `message`.
        case failed
    }

    /// The broad reason.
    public var kind: Kind
    /// A sentence for operators and plugin authors. Never contains credentials:
    /// URLs in it are redacted and secret-shaped text is masked.
    public var message: String

    /// An error of `kind`; `message` must already be free of secrets.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// `kind: message`, for logs.
    public var description: String { "\(kind): \(message)" }

    static let cancelled = EgressError(kind: .cancelled, message: "request cancelled")

    static func refused(_ message: String) -> EgressError { EgressError(kind: .refused, message: message) }

    static func timedOut(after timeout: Duration) -> EgressError {
        EgressError(kind: .timeout, message: "no complete response within \(timeout.wholeMilliseconds) ms")
    }

    static func oversize(limit: Int) -> EgressError {
        EgressError(kind: .failed, message: "response body exceeds the limit of \(limit) bytes")
    }
}
