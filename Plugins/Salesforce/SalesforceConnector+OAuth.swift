import ConnectorSDK

/// The OAuth 2.0 web server flow with PKCE against the login host: the host
/// builds the authorization URL from the manifest and keeps the verifier; the
/// connector trades codes and refresh tokens and revokes.
extension SalesforceConnector: OAuthConnector, RevocableConnector {
    public func exchangeCode(_ exchange: OAuthCodeExchange, _ context: CallContext) async throws -> ConnectionGrant {
        let client = try OAuthClient(context)
        let captured = exchange.connectionConfig["loginUrl"]?.stringValue
        let login = try LoginHost.base(captured, context)
        let response = try await context.http.send(
            .form(
                login + "/services/oauth2/token",
                fields: [
                    ("grant_type", "authorization_code"), ("code", exchange.code), ("client_id", client.id),
                    ("client_secret", client.secret), ("redirect_uri", exchange.redirectUri),
                    ("code_verifier", exchange.codeVerifier), ("format", "json"),
                ]))
        guard response.isSuccess else {
            throw OAuthFailure.document(response, what: "the authorization code", secrets: context.secrets + [exchange.code])
        }
        let token = try response.decode(OAuthToken.self)
        var config = exchange.connectionConfig
        if captured != nil { config["loginUrl"] = .string(login) }
        let account = await userInfo(token, context)
        return try token.grant(previousRefreshToken: nil, connectionConfig: config, account: account)
    }

    public func refresh(_ context: CallContext) async throws -> ConnectionGrant {
        let client = try OAuthClient(context)
        guard let refreshToken = context.credentials?.refreshToken, !refreshToken.isEmpty else {
            throw ErrorDocument(code: "invalid_grant", message: "The connection has no refresh token; connect the Salesforce account again.")
        }
        let login = try LoginHost.base(context.connectionSetting("loginUrl"), context)
        let response = try await context.http.send(
            .form(
                login + "/services/oauth2/token",
                fields: [
                    ("grant_type", "refresh_token"), ("client_id", client.id), ("client_secret", client.secret),
                    ("refresh_token", refreshToken),
                ]))
        guard response.isSuccess else {
            throw OAuthFailure.document(response, what: "the refresh token", secrets: context.secrets)
        }
        let token = try response.decode(OAuthToken.self)
        return try token.grant(previousRefreshToken: refreshToken, connectionConfig: context.connection?.config ?? [:], account: nil)
    }

    public func revoke(_ context: CallContext) async throws -> RevocationResult {
        // Revoking the refresh token also revokes every access token issued from it.
        guard let token = context.credentials?.refreshToken ?? context.credentials?.accessToken, !token.isEmpty else {
            return RevocationResult(revokedAtProvider: false, message: "The connection holds no Salesforce token to revoke.")
        }
        let login = try LoginHost.base(context.connectionSetting("loginUrl"), context)
        let response = try await context.http.send(.form(login + "/services/oauth2/revoke", fields: [("token", token)]))
        if response.isSuccess {
            return RevocationResult(revokedAtProvider: true, message: "Salesforce revoked the connection's tokens.")
        }
        if response.status == 400, (try? response.decode(OAuthFailure.self))?.error == "invalid_token" {
            return RevocationResult(
                revokedAtProvider: true, message: "Salesforce no longer knew the token (invalid_token), so nothing was left to revoke.")
        }
        throw OAuthFailure.document(response, what: "the token revocation", secrets: context.secrets)
    }

    /// Who authorized, for the grant; the code is spent by now, so a failure here
    /// is logged rather than thrown.
    private func userInfo(_ token: OAuthToken, _ context: CallContext) async -> JSONValue? {
        guard let instance = HTTPOrigin(token.instanceUrl) else { return nil }
        do {
            let response = try await context.http.send(
                HTTPRequest(
                    url: instance.url + "/services/oauth2/userinfo",
                    headers: [HTTPHeader("Authorization", "Bearer \(token.accessToken)"), HTTPHeader("Accept", "application/json")]))
            guard response.isSuccess else {
                context.log.warning("Salesforce userinfo failed after the code exchange", ["status": .number(Double(response.status))])
                return nil
            }
            return UserInfo.account(try response.decode(JSONValue.self))
        } catch {
            context.log.warning("Salesforce userinfo failed after the code exchange", ["error": .string("\(type(of: error))")])
            return nil
        }
    }
}

/// The connected app's consumer key and secret from the operator settings.
struct OAuthClient: Sendable {
    let id: String
    let secret: String

    init(_ context: CallContext) throws {
        let missing = ["clientId", "clientSecret"].filter { context.setting($0) == nil }
        guard missing.isEmpty, let id = context.setting("clientId"), let secret = context.setting("clientSecret") else {
            throw ErrorDocument(
                code: ErrorDocument.Code.notConfigured,
                message: "Salesforce OAuth needs the \(missing.joined(separator: " and ")) setting(s).",
                details: ["missing": .array(missing.map { .string($0) })])
        }
        self.id = id
        self.secret = secret
    }
}

/// The OpenID Connect UserInfo answer, reduced to who the account is (no secrets).
enum UserInfo {
    static func account(_ json: JSONValue) -> JSONValue {
        var account: [String: JSONValue] = [:]
        for key in ["user_id", "organization_id", "preferred_username", "name"] {
            if let value = json[key]?.stringValue { account[key] = .string(value) }
        }
        return .object(account)
    }
}
