/// The answer to an `EgressRequest`: whatever status the server sent, 4xx and 5xx included.
public struct EgressResponse: Sendable, Equatable {
    /// The HTTP status code of the last attempt.
    public var status: Int
    /// Response header fields, names in lower case, in the order received.
    public var headers: [EgressHeader]
    /// The response body (empty for `HEAD`).
    public var body: [UInt8]
    /// How many times the request was sent (more than 1 after honouring `Retry-After`).
    public var attempts: Int

    /// A response; used by the driver and by tests that fake one.
    public init(status: Int, headers: [EgressHeader] = [], body: [UInt8] = [], attempts: Int = 1) {
        self.status = status
        self.headers = headers
        self.body = body
        self.attempts = attempts
    }

    /// The value of the first header field called `name` (compared case-insensitively), if any.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name == wanted }?.value
    }
}
