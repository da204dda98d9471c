import AtlassianCloud
import ConnectorSDK

/// Jira Cloud: projects, issues and comments, over OAuth 2.0 (3LO) or an API token.
public struct JiraConnector: Connector {
    public init() {}

    public static let manifest = Manifest(
        id: "jira", displayName: "Jira Cloud", version: "0.2.0",
        description: "Jira Cloud projects, issues and comments, through OAuth 2.0 (3LO) or an Atlassian API token.",
        authMethods: AtlassianManifest.authMethods(scopes: ["read:jira-work", "read:jira-user", "manage:jira-webhook", "offline_access"]),
        endpoints: AtlassianManifest.endpoints,
        configSchema: AtlassianManifest.configSchema(secretUse: "; also signs webhooks"),
        operations: [],
        capabilities: [
            "webhooks": [
                "supported": true, "authMethods": ["oauth2"], "expiresAfterDays": 30,
                "reason": "Jira registers dynamic webhooks only for OAuth 2.0 apps; API-token connections use incremental sync.",
                "alternative": "incremental_sync",
            ],
            "sync": ["streams": ["items"], "modes": ["full", "incremental"], "deletions": false],
        ])

    /// Asks Jira who the credentials belong to (`GET /rest/api/3/myself`).
    public func validate(_ context: CallContext) async throws -> ValidationResult {
        do {
            let api = try JiraAPI(context)
            let user = try await api.myself()
            var account: [String: JSONValue] = [:]
            account["accountId"] = user.accountId.map { .string($0) }
            account["displayName"] = user.displayName.map { .string($0) }
            account["emailAddress"] = user.emailAddress.map { .string($0) }
            return ValidationResult(
                valid: true, message: "Connected to Jira as \(user.displayName ?? user.accountId ?? "an unnamed user").", account: .object(account),
                details: ["authMethod": .string(api.client.connection.method.rawValue), "siteUrl": api.siteURL.map { .string($0) } ?? .null])
        } catch let error as ErrorDocument where error.refusesCredentials {
            return ValidationResult(refused: error)
        }
    }

    /// Without a connection: can clients onboard? With one: Jira's server
    /// information and the scopes the connection was granted.
    public func probe(_ context: CallContext) async throws -> ProbeResult {
        let readiness = OnboardingReadiness.probe(Self.manifest, context)
        guard context.connection != nil else { return readiness }
        do {
            let api = try JiraAPI(context)
            let info = try await api.serverInfo()
            let scopes: JSONValue = context.credentials?.scopes.map { .array($0.map { .string($0) }) } ?? .null
            return ProbeResult(
                status: .ready, message: "Jira \(info.version ?? "Cloud") answered at \(api.siteURL ?? info.baseUrl ?? "the gateway").",
                availableAuthMethods: readiness.availableAuthMethods,
                details: [
                    "authMethod": .string(api.client.connection.method.rawValue), "scopes": scopes,
                    "server": [
                        "version": info.version.map { .string($0) } ?? .null, "deploymentType": info.deploymentType.map { .string($0) } ?? .null,
                        "buildNumber": info.buildNumber.map { .number(Double($0)) } ?? .null, "baseUrl": info.baseUrl.map { .string($0) } ?? .null,
                        "serverTitle": info.serverTitle.map { .string($0) } ?? .null,
                    ],
                ])
        } catch let error as ErrorDocument {
            return ProbeResult(unreachable: error, availableAuthMethods: readiness.availableAuthMethods)
        }
    }
}
