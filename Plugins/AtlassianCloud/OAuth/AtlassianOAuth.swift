import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Atlassian OAuth 2.0 (3LO): the code exchange, the refresh with rotating
/// refresh tokens, and the site lookup that turns a token into a cloud id.
public enum AtlassianOAuth {
    /// Trades an authorization code (with its PKCE verifier) for credentials.
    public static func exchange(_ exchange: OAuthCodeExchange, _ context: CallContext) async throws -> Credentials {
        let client = try ClientCredentials(context)
        let request = TokenRequest(
            grantType: "authorization_code", clientId: client.id, clientSecret: client.secret, code: exchange.code,
            redirectUri: exchange.redirectUri, codeVerifier: exchange.codeVerifier)
        let tokens = try await requestTokens(request, context, secrets: [client.secret, exchange.code, exchange.codeVerifier])
        context.log.info("Atlassian issued OAuth tokens", ["scopes": .string(tokens.scope ?? ""), "refreshable": .bool(tokens.refreshToken != nil)])
        return credentials(from: tokens, previous: nil, now: context.now)
    }

    /// Trades the connection's refresh token for new credentials. Atlassian
    /// rotates refresh tokens: the answer carries a new one and the old one
    /// stops working, so the caller must store what this returns.
    public static func refresh(_ context: CallContext) async throws -> Credentials {
        let client = try ClientCredentials(context)
        guard let previous = context.credentials, let refreshToken = previous.refreshToken, !refreshToken.isEmpty else {
            throw ErrorDocument(
                code: "invalid_grant", message: "The connection has no refresh token (was offline_access granted?); connect the account again.")
        }
        let request = TokenRequest(grantType: "refresh_token", clientId: client.id, clientSecret: client.secret, refreshToken: refreshToken)
        let tokens = try await requestTokens(request, context, secrets: [client.secret, refreshToken])
        context.log.info("Atlassian refreshed OAuth tokens", ["rotated": .bool(tokens.refreshToken != nil)])
        return credentials(from: tokens, previous: previous, now: context.now)
    }

    /// The sites `accessToken` may reach, from `{api}/oauth/token/accessible-resources`.
    public static func accessibleResources(accessToken: String, _ context: CallContext) async throws -> [AccessibleResource] {
        let what = "Atlassian accessible-resources lookup"
        let request = HTTPRequest(
            url: "{api}/oauth/token/accessible-resources",
            headers: [HTTPHeader("Authorization", "Bearer \(accessToken)"), HTTPHeader("Accept", "application/json")])
        let response = try await AtlassianTransport.send(request, context, what: what)
        return try ProviderStatus.check(response, what: what, now: context.now).decode([AccessibleResource].self)
    }

    private static func requestTokens(_ request: TokenRequest, _ context: CallContext, secrets: [String]) async throws -> TokenResponse {
        let what = "the Atlassian token endpoint"
        let response = try await AtlassianTransport.send(try .json("POST", "{auth}/oauth/token", body: request), context, what: what)
        if response.isSuccess { return try response.decode(TokenResponse.self) }
        let refusal = try? response.decode(TokenErrorResponse.self)
        if let refusal, response.status < 500, response.status != 429 {
            throw TokenRefusal.error(for: refusal, status: response.status, secrets: secrets)
        }
        return try ProviderStatus.check(response, what: what, now: context.now).decode(TokenResponse.self)
    }

    private static func credentials(from tokens: TokenResponse, previous: Credentials?, now: Date) -> Credentials {
        let expiresAt = tokens.expiresIn.map { AtlassianTimestamp(now.addingTimeInterval(TimeInterval($0))).rfc3339 }
        let scopes = tokens.scope.map { $0.split(separator: " ").map(String.init) } ?? previous?.scopes
        return Credentials(
            type: .oauth2, accessToken: tokens.accessToken,
            // Keep the old refresh token only if Atlassian did not send a new one (it always does when rotating).
            refreshToken: tokens.refreshToken ?? previous?.refreshToken, expiresAt: expiresAt, scopes: scopes,
            extra: ["tokenType": .string(tokens.tokenType ?? "Bearer")])
    }
}

/// The OAuth app's client id and secret from the operator settings.
struct ClientCredentials {
    let id: String
    let secret: String

    init(_ context: CallContext) throws {
        let missing = ["clientId", "clientSecret"].filter { context.setting($0) == nil }
        guard missing.isEmpty, let id = context.setting("clientId"), let secret = context.setting("clientSecret") else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notConfigured,
                message: "OAuth needs the \(missing.joined(separator: " and ")) connector setting(s).", details: ["missing": .array(missing.map { .string($0) })])
        }
        self.id = id
        self.secret = secret
    }
}
