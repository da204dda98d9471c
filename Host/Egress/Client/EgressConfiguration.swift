/// Limits and defaults for every request an `EgressClient` performs.
public struct EgressConfiguration: Sendable {
    /// Total time allowed for a request (retries included) when it does not set its own.
    public var defaultTimeout: Duration
    /// Time allowed for DNS, TCP and TLS set-up of one connection.
    public var connectTimeout: Duration
    /// How many times one request may be sent when the server answers 429/503 with `Retry-After`.
    public var maxAttempts: Int
    /// The longest `Retry-After` the host waits out; a longer one returns the 429/503 as is.
    public var retryAfterCap: Duration
    /// Concurrent connections to one host (`CURLMOPT_MAX_HOST_CONNECTIONS`), so one
    /// slow provider cannot take every connection; further requests queue inside curl.
    public var maxConnectionsPerHost: Int
    /// The largest response body accepted; a larger one fails with `.failed`.
    public var maxResponseBytes: Int
    /// `User-Agent` sent when the request has none.
    public var userAgent: String

    /// A configuration; every argument has the production default.
    public init(
        defaultTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10), maxAttempts: Int = 3,
        retryAfterCap: Duration = .seconds(30), maxConnectionsPerHost: Int = 8, maxResponseBytes: Int = 32 << 20,
        userAgent: String = "unified-connector-host"
    ) {
        self.defaultTimeout = defaultTimeout
        self.connectTimeout = connectTimeout
        self.maxAttempts = max(1, maxAttempts)
        self.retryAfterCap = retryAfterCap
        self.maxConnectionsPerHost = max(1, maxConnectionsPerHost)
        self.maxResponseBytes = max(0, maxResponseBytes)
        self.userAgent = userAgent
    }

    /// 30 s per request, 10 s to connect, 3 attempts, `Retry-After` up to 30 s,
    /// 8 connections per host, 32 MiB per response.
    public static let `default` = EgressConfiguration()
}
