import ConnectorModel

extension HTTPResponse {
    /// Returns self for 2xx; otherwise throws the unified error for the status,
    /// so every HTTP connector maps provider failures the same way.
    @discardableResult
    public func requireSuccess(_ what: String) throws -> HTTPResponse {
        if isSuccess { return self }
        throw ErrorDocument(providerStatus: status, what: what, retryAfter: header("retry-after").flatMap(RetryAfterHeader.seconds))
    }
}

extension ErrorDocument {
    /// The unified error for a provider's HTTP status.
    public init(providerStatus status: Int, what: String, retryAfter: Int? = nil) {
        let details: JSONValue = ["providerStatus": .number(Double(status))]
        switch status {
        case 401:
            self.init(code: Code.authExpired, message: "The provider no longer accepts these credentials (\(what): HTTP 401).", details: details)
        case 403:
            self.init(code: Code.forbidden, message: "The credentials lack permission for \(what) (HTTP 403).", details: details)
        case 404:
            self.init(code: Code.notFound, message: "The provider has no such \(what) (HTTP 404).", details: details)
        case 429:
            self.init(
                code: Code.rateLimited, message: "The provider is rate limiting \(what) (HTTP 429).", details: details,
                retryAfter: retryAfter ?? 60)
        case 500...599:
            self.init(code: Code.upstreamUnavailable, message: "The provider failed while serving \(what) (HTTP \(status)).", details: details)
        default:
            self.init(code: Code.upstreamBadResponse, message: "The provider answered \(what) with HTTP \(status).", details: details)
        }
    }
}

/// `Retry-After` as seconds (delta-seconds form; the host already waited out short HTTP-date ones).
enum RetryAfterHeader {
    static func seconds(_ value: String) -> Int? {
        Int(value.filter { $0 != " " }).map { max(0, $0) }
    }
}
