import Hummingbird

/// Reads `X-Tenant-Id` into the context. Whether a route needs a tenant is the
/// route's business (`context.requireTenant()`).
struct TenantMiddleware: RouterMiddleware {
    typealias Context = HostRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let tenant = request.headers[.tenantId] {
            guard Self.isValid(tenant) else {
                throw APIError(
                    .badRequest, code: "invalid_tenant",
                    "X-Tenant-Id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'.")
            }
            context.tenantId = tenant
            context.logger[metadataKey: "tenantId"] = .string(tenant)
        }
        return try await next(request, context)
    }

    static func isValid(_ tenant: String) -> Bool {
        (1...128).contains(tenant.utf8.count)
            && tenant.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || ".:_-".utf8.contains(byte)
            }
    }
}
