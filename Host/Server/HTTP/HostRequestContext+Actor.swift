extension HostRequestContext {
    /// Who the audit log names as having acted.
    var actor: String {
        tenantId.map { "tenant:\($0)" } ?? "anonymous"
    }
}
