import ConnectorSDK

/// What every Atlassian Cloud connector declares alike: OAuth 2.0 (3LO) and API
/// tokens as auth methods, the two Atlassian hosts, and the OAuth app settings.
public enum AtlassianManifest {
    /// OAuth 2.0 (3LO) with `scopes`, and an API token for `siteUrl` + `email`.
    public static func authMethods(scopes: [String]) -> [AuthMethod] {
        [
            .oauth2(
                authorizationUrl: "{auth}/authorize", tokenUrl: "{auth}/oauth/token", defaultScopes: scopes,
                authorizationParams: ["audience": "api.atlassian.com", "prompt": "consent"]),
            .fields(
                .apiKey,
                [
                    .init(name: "siteUrl", label: "Site URL", description: "https://your-site.atlassian.net"),
                    .init(name: "email", label: "Account e-mail"),
                    .init(name: "apiKey", label: "API token", secret: true),
                ],
                hint: "Send siteUrl, email and apiKey (an API token from id.atlassian.com/manage-profile/security/api-tokens)."),
        ]
    }

    /// `auth` is Atlassian's OAuth server, `api` the gateway OAuth calls go through.
    public static let endpoints = ["auth": "https://auth.atlassian.com", "api": "https://api.atlassian.com"]

    /// The OAuth app's client id and secret; `secretUse` says what else the secret is for.
    public static func configSchema(secretUse: String = "") -> JSONValue {
        [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "clientId": ["type": "string", "minLength": 1, "description": "OAuth 2.0 (3LO) app client id."],
                "clientSecret": ["type": "string", "minLength": 1, "secret": true, "description": .string("OAuth 2.0 app secret\(secretUse).")],
            ],
        ]
    }
}
