import AtlassianCloud
import ConnectorSDK

/// Confluence Cloud: spaces, pages and footer comments, over OAuth 2.0 (3LO) or an API token.
public struct ConfluenceConnector: Connector {
    public init() {}

    public static let manifest = Manifest(
        id: "confluence", displayName: "Confluence Cloud", version: "0.2.0",
        description: "Confluence Cloud spaces, pages and footer comments, through OAuth 2.0 (3LO) or an Atlassian API token.",
        authMethods: AtlassianManifest.authMethods(scopes: ["read:confluence-user", "read:space:confluence", "read:page:confluence", "read:comment:confluence", "offline_access"]),
        endpoints: AtlassianManifest.endpoints,
        configSchema: AtlassianManifest.configSchema(),
        operations: [],
        capabilities: [
            "webhooks": [
                "supported": false,
                "reason": "Confluence Cloud offers webhooks only to Connect and Forge apps, not to OAuth or API-token integrations.",
                "alternative": "incremental_sync",
            ],
            "sync": ["streams": ["items"], "modes": ["full", "incremental"], "deletions": false],
        ])

    /// Asks Confluence who the credentials belong to (`GET /wiki/rest/api/user/current`).
    public func validate(_ context: CallContext) async throws -> ValidationResult {
        do {
            let api = try ConfluenceAPI(context)
            let user = try await api.currentUser()
            var account: [String: JSONValue] = [:]
            account["accountId"] = user.accountId.map { .string($0) }
            account["displayName"] = (user.displayName ?? user.publicName).map { .string($0) }
            account["emailAddress"] = user.email.flatMap { $0.isEmpty ? nil : .string($0) }
            return ValidationResult(
                valid: true, message: "Connected to Confluence as \(user.displayName ?? user.publicName ?? user.accountId ?? "an unnamed user").",
                account: .object(account),
                details: ["authMethod": .string(api.client.connection.method.rawValue), "siteUrl": api.client.connection.siteURL.map { .string($0) } ?? .null])
        } catch let error as ErrorDocument where error.refusesCredentials {
            return ValidationResult(refused: error)
        }
    }

    /// Without a connection: can clients onboard? With one: whether spaces
    /// can be listed, and the scopes the connection was granted.
    public func probe(_ context: CallContext) async throws -> ProbeResult {
        let readiness = OnboardingReadiness.probe(Self.manifest, context)
        guard context.connection != nil else { return readiness }
        do {
            let api = try ConfluenceAPI(context)
            let spaces = try await api.spaces(limit: 1, cursor: nil, keepingRaw: false)
            let scopes: JSONValue = context.credentials?.scopes.map { .array($0.map { .string($0) }) } ?? .null
            return ProbeResult(
                status: .ready, message: "Confluence answered at \(spaces.base ?? api.wikiURL ?? "the gateway").",
                availableAuthMethods: readiness.availableAuthMethods,
                details: [
                    "authMethod": .string(api.client.connection.method.rawValue), "scopes": scopes, "wikiUrl": (spaces.base ?? api.wikiURL).map { .string($0) } ?? .null,
                    "spacesVisible": .bool(!spaces.results.isEmpty),
                ])
        } catch let error as ErrorDocument {
            return ProbeResult(unreachable: error, availableAuthMethods: readiness.availableAuthMethods)
        }
    }
}
