import ConnectorModel
import Testing

/// The operator's settings and the connections, over REST.
extension AtlassianSession {
    /// PATCH /api/connectors/{id}: the OAuth app's id and secret, and the
    /// stand-ins as the `auth` and `api` endpoints.
    @discardableResult
    func configureOperatorSettings(_ connector: AtlassianConnector) async throws -> HostReply {
        let app = cloud.identity.app
        return try await call(
            .patch, "/api/connectors/\(connector.id)",
            json: [
                "config": ["clientId": .string(app.clientId), "clientSecret": .string(app.clientSecret)],
                "endpoints": ["auth": .string(cloud.authURL), "api": .string(cloud.apiURL)],
            ],
            tenant: nil)
    }

    /// POST /api/connectors/{id}/connect for OAuth; `connectionConfig` may name the site (`cloudId` or `siteUrl`).
    func startOAuth(
        _ connector: AtlassianConnector, connectionConfig: JSONValue? = nil, tenant: String = AtlassianSession.tenant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        var body: [String: JSONValue] = ["method": "oauth2", "redirectUri": .string(Self.redirectUri)]
        if let connectionConfig { body["connectionConfig"] = connectionConfig }
        return try await post("/api/connectors/\(connector.id)/connect", .object(body), tenant: tenant, sourceLocation: sourceLocation)
    }

    /// Starts OAuth and lets the browser authorize at the stand-in; returns the redirect's code and state.
    func authorizedCode(
        _ connector: AtlassianConnector, connectionConfig: JSONValue? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (code: String, state: String) {
        let start = try await startOAuth(connector, connectionConfig: connectionConfig, sourceLocation: sourceLocation)
        try #require(start.status == 200, "connect: \(start.text)", sourceLocation: sourceLocation)
        let redirect = try await OAuthBrowser.authorize(try #require(start.data["authUrl"]?.stringValue), sourceLocation: sourceLocation)
        let code = try #require(redirect.code, "no code in \(redirect.location)", sourceLocation: sourceLocation)
        return (code, try #require(redirect.state, sourceLocation: sourceLocation))
    }

    /// POST /api/connectors/{id}/connect/callback with an authorization code.
    func completeOAuth(
        _ connector: AtlassianConnector, code: String, state: String, tenant: String = AtlassianSession.tenant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        try await post(
            "/api/connectors/\(connector.id)/connect/callback", ["code": .string(code), "state": .string(state)], tenant: tenant,
            sourceLocation: sourceLocation)
    }

    /// The whole OAuth flow; returns the new connection's id.
    func connectOAuth(_ connector: AtlassianConnector, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let (code, state) = try await authorizedCode(connector, sourceLocation: sourceLocation)
        let callback = try await completeOAuth(connector, code: code, state: state, sourceLocation: sourceLocation)
        try #require(callback.status == 201, "callback: \(callback.text)", sourceLocation: sourceLocation)
        return try #require(callback.data["connectionId"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// POST /api/connectors/{id}/connect/callback with the site, e-mail and an API token (the account's own unless `token`).
    func submitAPIToken(_ connector: AtlassianConnector, token: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> HostReply
    {
        try await post(
            "/api/connectors/\(connector.id)/connect/callback",
            [
                "method": "api_key", "siteUrl": .string(cloud.siteURL), "email": .string(cloud.identity.account.email),
                "apiKey": .string(token ?? cloud.identity.account.apiToken),
            ],
            sourceLocation: sourceLocation)
    }

    /// An API-token connection; returns its id.
    func connectAPIToken(_ connector: AtlassianConnector, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let callback = try await submitAPIToken(connector, sourceLocation: sourceLocation)
        try #require(callback.status == 201, "callback: \(callback.text)", sourceLocation: sourceLocation)
        return try #require(callback.data["connectionId"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// A connection of `connector` with `auth`; returns its id.
    func connect(_ connector: AtlassianConnector, _ auth: AtlassianAuth, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        switch auth {
        case .oauth: try await connectOAuth(connector, sourceLocation: sourceLocation)
        case .apiToken: try await connectAPIToken(connector, sourceLocation: sourceLocation)
        }
    }

    /// The tenant's connections of `connector`.
    func connections(_ connector: AtlassianConnector) async throws -> [JSONValue] {
        let listed = try await get("/api/connections?connectorId=\(connector.id)")
        try #require(listed.status == 200, "connections: \(listed.text)")
        return listed.data["items"]?.arrayValue ?? []
    }
}
