import ConnectorSDK

extension ErrorDocument {
    /// True when the error means "these credentials do not work" (expired,
    /// refused, not allowed, malformed), which `validate` answers instead of throwing.
    public var refusesCredentials: Bool {
        [Code.authExpired, Code.forbidden, Code.invalidCredentials, Code.invalidInput].contains(code)
    }
}
