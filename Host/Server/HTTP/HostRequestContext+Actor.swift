extension HostRequestContext {
    /// Who the audit log names as having acted.
    var actor: String {
        guard let principal else { return "anonymous" }
        return principal.role == .admin ? "admin:\(principal.keyId)" : "key:\(principal.keyId)"
    }
}
