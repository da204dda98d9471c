import Hummingbird

/// Requires `Authorization: Bearer <key>` on every non-public route and binds
/// the request to the key's tenant: a tenant key may only act for its own
/// tenant (`X-Tenant-Id` must match or is filled in); an admin may act for any.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = HostRequestContext
    let mode: HostConfiguration.AuthMode
    let authenticator: APIKeyAuthenticator
    let publicPaths: PublicPaths

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard !publicPaths.contains(request.uri.path) else { return try await next(request, context) }
        guard mode == .apiKeys else {
            context.principal = .development
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            case let key = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces), !key.isEmpty
        else {
            throw Self.unauthorized("Send an API key as Authorization: Bearer <key>.")
        }
        guard let principal = try await authenticator.principal(for: key) else {
            throw Self.unauthorized("The API key is unknown or revoked.")
        }
        if principal.role == .tenant, let bound = principal.tenantId {
            if let asked = context.tenantId, asked != bound {
                throw APIError(.forbidden, code: "tenant_mismatch", "This API key belongs to another tenant than X-Tenant-Id names.")
            }
            context.tenantId = bound
            context.logger[metadataKey: "tenantId"] = .string(bound)
        }
        context.principal = principal
        context.logger[metadataKey: "keyId"] = .string(principal.keyId)
        return try await next(request, context)
    }

    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, code: "unauthorized", message)
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }
}

/// Routes anyone may call: health, readiness, documentation, metrics, and
/// provider webhook deliveries (which the connector verifies itself).
struct PublicPaths: Sendable {
    let apiPrefix: String

    func contains(_ path: String) -> Bool {
        ["/", "/ready", "/openapi.json", "/docs", "/metrics"].contains(path) || path.hasPrefix(apiPrefix + "/webhooks/inbound/")
    }
}
