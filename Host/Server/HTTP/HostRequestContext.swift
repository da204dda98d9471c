import Hummingbird
import Logging

/// What every handler knows about the request beyond its bytes: set by
/// middleware, read as typed properties (never looked up by string).
public struct HostRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// From `X-Request-Id` or `X-Correlation-Id`, generated when absent; echoed back.
    public var requestId: String = ""
    /// From `X-Tenant-Id`; nil when the client sent none.
    public var tenantId: String?
    /// Who is calling; nil only on public routes.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Request bodies above this get 413.
    public var maxUploadSize: Int { 1 << 20 }

    /// The tenant, or a 400 telling the client to send `X-Tenant-Id`.
    public func requireTenant() throws(APIError) -> String {
        guard let tenantId else {
            throw APIError(.badRequest, code: "tenant_required", "This endpoint is tenant-scoped: send the X-Tenant-Id header.")
        }
        return tenantId
    }
}
