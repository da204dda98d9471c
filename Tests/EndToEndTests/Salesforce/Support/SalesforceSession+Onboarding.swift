import ConnectorModel
import Testing

/// The operator's settings and the OAuth connection, over REST.
extension SalesforceSession {
    /// A callback URL the stand-in's connected app has registered.
    static let redirectUri = "https://host.example.com/oauth/callback"

    /// PATCH /api/connectors/salesforce: the connected app's key and secret, the
    /// API version, and the stand-in as the login host.
    @discardableResult
    func configureOperatorSettings() async throws -> HostReply {
        let app = salesforce.oauth.app
        return try await call(
            .patch, "/api/connectors/salesforce",
            json: [
                "config": ["clientId": .string(app.clientId), "clientSecret": .string(app.clientSecret), "apiVersion": "66.0"],
                "endpoints": ["login": .string(salesforce.loginURL)],
            ],
            tenant: nil)
    }

    /// POST /api/connectors/salesforce/connect for OAuth.
    func startOAuth(sourceLocation: SourceLocation = #_sourceLocation) async throws -> HostReply {
        try await post(
            "/api/connectors/salesforce/connect", ["method": "oauth2", "redirectUri": .string(Self.redirectUri)], sourceLocation: sourceLocation)
    }

    /// Starts OAuth and lets the browser authorize; returns the redirect's code and state.
    func authorizedCode(sourceLocation: SourceLocation = #_sourceLocation) async throws -> (code: String, state: String) {
        let start = try await startOAuth(sourceLocation: sourceLocation)
        try #require(start.status == 200, "connect: \(start.text)", sourceLocation: sourceLocation)
        let redirect = try await OAuthBrowser.authorize(try #require(start.data["authUrl"]?.stringValue), sourceLocation: sourceLocation)
        let code = try #require(redirect.code, "no code in \(redirect.location)", sourceLocation: sourceLocation)
        let state = try #require(redirect.state, sourceLocation: sourceLocation)
        return (code, state)
    }

    /// POST /api/connectors/salesforce/connect/callback.
    func completeOAuth(code: String, state: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> HostReply {
        try await post(
            "/api/connectors/salesforce/connect/callback", ["code": .string(code), "state": .string(state)], sourceLocation: sourceLocation)
    }

    /// The whole OAuth flow; returns the new connection's id.
    func connect(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let (code, state) = try await authorizedCode(sourceLocation: sourceLocation)
        let callback = try await completeOAuth(code: code, state: state, sourceLocation: sourceLocation)
        try #require(callback.status == 201, "callback: \(callback.text)", sourceLocation: sourceLocation)
        return try #require(callback.data["connectionId"]?.stringValue, sourceLocation: sourceLocation)
    }
}
