/// Who is calling, as established by `AuthenticationMiddleware`.
public struct Principal: Sendable, Equatable {
    public enum Role: String, Sendable {
        /// Acts for its own tenant only.
        case tenant
        /// Acts for any tenant; manages connectors, plugins and keys.
        case admin
    }

    /// The API key's id, or "bootstrap-admin", or "development".
    public var keyId: String
    public var role: Role
    /// The tenant a tenant key is bound to; nil for admins.
    public var tenantId: String?

    static let development = Principal(keyId: "development", role: .admin, tenantId: nil)
}

extension HostRequestContext {
    /// 403 unless the caller is an admin.
    func requireAdmin() throws(APIError) {
        guard principal?.role == .admin else {
            throw APIError(.forbidden, code: "admin_required", "Only an admin key may do this.")
        }
    }
}
