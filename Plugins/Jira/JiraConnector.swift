import ConnectorSDK

struct JiraConnector: Connector {
    static let manifest = Manifest(
        id: "jira", displayName: "Jira Cloud", version: "0.1.0", description: "Jira Cloud projects, issues and comments.",
        authMethods: [.oauth2(authorizationUrl: "{auth}/authorize", tokenUrl: "{auth}/oauth/token", defaultScopes: ["read:jira-work"])],
        endpoints: ["auth": "https://auth.atlassian.com", "api": "https://api.atlassian.com"],
        operations: [])

    func validate(_ context: CallContext) async throws -> ValidationResult {
        ValidationResult(valid: false, message: "not yet")
    }

    func probe(_ context: CallContext) async throws -> ProbeResult {
        ProbeResult(status: .notConfigured, message: "not yet")
    }
}
