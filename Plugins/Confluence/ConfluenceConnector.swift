import ConnectorSDK

/// Confluence Cloud: spaces, pages and footer comments, over OAuth 2.0 (3LO) or an API token.
public struct ConfluenceConnector: Connector {
    public init() {}

    public static let manifest = Manifest(
        id: "confluence", displayName: "Confluence Cloud", version: "0.1.0",
        description: "Confluence Cloud spaces, pages and footer comments, through OAuth 2.0 (3LO) or an Atlassian API token.",
        authMethods: [
            .oauth2(
                authorizationUrl: "{auth}/authorize", tokenUrl: "{auth}/oauth/token",
                defaultScopes: ["read:confluence-user", "read:space:confluence", "read:page:confluence", "read:comment:confluence", "offline_access"],
                authorizationParams: ["audience": "api.atlassian.com", "prompt": "consent"]),
            .fields(
                .apiKey,
                [
                    .init(name: "siteUrl", label: "Site URL", description: "https://your-site.atlassian.net"),
                    .init(name: "email", label: "Account e-mail"),
                    .init(name: "apiKey", label: "API token", secret: true),
                ],
                hint: "Send siteUrl, email and apiKey (an API token from id.atlassian.com/manage-profile/security/api-tokens)."),
        ],
        endpoints: ["auth": "https://auth.atlassian.com", "api": "https://api.atlassian.com"],
        configSchema: [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "clientId": ["type": "string", "minLength": 1, "description": "OAuth 2.0 (3LO) app client id."],
                "clientSecret": ["type": "string", "minLength": 1, "secret": true, "description": "OAuth 2.0 app secret."],
            ],
        ],
        operations: [],
        capabilities: [
            "webhooks": [
                "supported": false,
                "reason": "Confluence Cloud offers webhooks only to Connect and Forge apps, not to OAuth or API-token integrations.",
                "alternative": "incremental_sync",
            ]
        ])

    public func validate(_ context: CallContext) async throws -> ValidationResult {
        ValidationResult(valid: false, message: "Validating Confluence credentials is not implemented in this build of the connector.")
    }

    public func probe(_ context: CallContext) async throws -> ProbeResult {
        OnboardingReadiness.probe(Self.manifest, context)
    }
}
