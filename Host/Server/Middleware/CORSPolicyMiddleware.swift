import Hummingbird

/// Cross-origin rules from `CORS_*` settings. Answers preflight requests
/// itself, so they never reach routing, and exposes `X-Request-Id`.
struct CORSPolicyMiddleware: RouterMiddleware {
    typealias Context = HostRequestContext
    let policy: CORSPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], let allowedOrigin = policy.allowedOrigin(for: origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            apply(origin: allowedOrigin, to: &response.headers)
            response.headers[.accessControlAllowMethods] = policy.allowMethods.joined(separator: ", ")
            response.headers[.accessControlAllowHeaders] =
                policy.allowHeaders == ["*"] ? (request.headers[.accessControlRequestHeaders] ?? "*") : policy.allowHeaders.joined(separator: ", ")
            response.headers[.accessControlMaxAge] = String(policy.maxAgeSeconds)
            return response
        }
        var response = try await next(request, context)
        apply(origin: allowedOrigin, to: &response.headers)
        response.headers[.accessControlExposeHeaders] = "X-Request-Id, X-Correlation-Id, Retry-After"
        return response
    }

    private func apply(origin: String, to headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = origin
        if policy.allowCredentials { headers[.accessControlAllowCredentials] = "true" }
        if origin != "*" { headers[.vary] = "Origin" }
    }
}

/// The `CORS_*` settings.
public struct CORSPolicy: Sendable, Equatable {
    public var allowOrigins: [String]
    public var allowMethods: [String]
    public var allowHeaders: [String]
    public var allowCredentials: Bool
    public var maxAgeSeconds: Int

    public init(
        allowOrigins: [String] = ["*"], allowMethods: [String] = ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: [String] = ["*"], allowCredentials: Bool = false, maxAgeSeconds: Int = 600
    ) {
        self.allowOrigins = allowOrigins
        self.allowMethods = allowMethods
        self.allowHeaders = allowHeaders
        self.allowCredentials = allowCredentials
        self.maxAgeSeconds = maxAgeSeconds
    }

    /// The value of `Access-Control-Allow-Origin` for `origin`, or nil when it is not allowed.
    func allowedOrigin(for origin: String) -> String? {
        if allowOrigins.contains("*") { return allowCredentials ? origin : "*" }
        return allowOrigins.contains(origin) ? origin : nil
    }
}
