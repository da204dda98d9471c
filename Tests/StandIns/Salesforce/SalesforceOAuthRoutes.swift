import ConnectorModel
import Foundation
import Hummingbird

/// The OAuth 2.0 endpoints of the login host, shaped after the OAuth 2.0 Web
/// Server Flow, Refresh Token Flow, token revocation and UserInfo pages of the
/// Salesforce Help. The user is taken to have logged in and approved the app.
enum SalesforceOAuthRoutes {
    static func add(to router: Router<BasicRequestContext>, _ state: SalesforceStandInState) {
        router.get("/services/oauth2/authorize") { request, _ in authorize(request, state) }
        router.post("/services/oauth2/token") { request, _ in try await token(request, state) }
        router.post("/services/oauth2/revoke") { request, _ in try await revoke(request, state) }
        router.get("/services/oauth2/userinfo") { request, _ in try userInfo(request, state) }
    }

    /// Checks client, callback URL, state and S256 challenge; redirects with a code.
    static func authorize(_ request: Request, _ state: SalesforceStandInState) -> Response {
        let query = SalesforceWire.fields(request.uri.query ?? "")
        let app = state.oauth.app
        // An unknown client or callback must not be redirected to (RFC 6749 §4.1.2.1).
        guard query["client_id"] == app.clientId else { return SalesforceWire.text("error=invalid_client_id", status: .badRequest) }
        guard let redirect = query["redirect_uri"], app.callbackURLs.contains(redirect) else {
            return SalesforceWire.text("error=redirect_uri_mismatch", status: .badRequest)
        }
        let problem: String? =
            if query["response_type"] != "code" { "unsupported_response_type" }
            else if (query["state"] ?? "").isEmpty { "invalid_request" }
            else if query["code_challenge_method"] != "S256" || !(43...128).contains(query["code_challenge"]?.count ?? 0) { "invalid_request" }
            else { nil }
        let separator = redirect.contains("?") ? "&" : "?"
        if let problem {
            return redirectTo(redirect + separator + SalesforceFormQuery.encode([("error", problem), ("state", query["state"] ?? "")]))
        }
        let code = state.oauth.issueCode(
            redirectURI: redirect, challenge: query["code_challenge"]!, scope: query["scope"] ?? "api", userId: state.org.adminUserId)
        return redirectTo(redirect + separator + SalesforceFormQuery.encode([("code", code), ("state", query["state"]!)]))
    }

    static func token(_ request: Request, _ state: SalesforceStandInState) async throws -> Response {
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            return try SalesforceWire.oauthError("invalid_request", "must use application/x-www-form-urlencoded")
        }
        let form = try await StandInResponses.form(request)
        state.received(form: form, at: request.uri.path)
        let app = state.oauth.app
        guard form["client_id"] == app.clientId else { return try SalesforceWire.oauthError("invalid_client_id", "client identifier invalid") }
        guard form["client_secret"] == app.clientSecret else { return try SalesforceWire.oauthError("invalid_client", "invalid client credentials") }
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"].flatMap(state.oauth.redeem) else {
                return try SalesforceWire.oauthError("invalid_grant", "invalid authorization code")
            }
            guard form["redirect_uri"] == code.redirectURI else {
                return try SalesforceWire.oauthError("invalid_grant", "redirect_uri must match configuration")
            }
            guard let verifier = form["code_verifier"], try await OpenSSLTool.pkceChallenge(verifier) == code.challenge else {
                return try SalesforceWire.oauthError("invalid_grant", "invalid code verifier")
            }
            let tokens = state.oauth.issueTokens(userId: code.userId, scope: code.scope)
            return try await tokenResponse(request, state, userId: code.userId, scope: code.scope, tokens: tokens)
        case "refresh_token":
            guard let refresh = form["refresh_token"], let grant = state.oauth.refreshGrant(refresh) else {
                return try SalesforceWire.oauthError("invalid_grant", "expired access/refresh token")
            }
            guard app.rotatesRefreshTokens else {
                // Without rotation (the connected app default) no refresh token is sent back.
                let tokens = state.oauth.issueTokens(userId: grant.userId, scope: grant.scope, refreshToken: refresh)
                return try await tokenResponse(request, state, userId: grant.userId, scope: grant.scope, tokens: (tokens.access, nil))
            }
            _ = state.oauth.revoke(refresh)
            let tokens = state.oauth.issueTokens(userId: grant.userId, scope: grant.scope)
            return try await tokenResponse(request, state, userId: grant.userId, scope: grant.scope, tokens: tokens)
        default:
            return try SalesforceWire.oauthError("unsupported_grant_type", "grant type not supported")
        }
    }

    /// `{access_token, refresh_token?, signature, scope, instance_url, id, token_type, issued_at}`; no `expires_in`.
    private static func tokenResponse(
        _ request: Request, _ state: SalesforceStandInState, userId: String, scope: String, tokens: (access: String, refresh: String?)
    ) async throws -> Response {
        let identity = "http://\(request.head.authority ?? "127.0.0.1")/id/\(state.oauth.organizationId)/\(userId)"
        let issuedAt = String(SalesforceTime.milliseconds(Date()))
        // HMAC-SHA256 of identity URL and issue time, keyed with the consumer secret.
        let signature = Data(
            try await OpenSSLTool.hmacSHA256(Array((identity + issuedAt).utf8), key: Array(state.oauth.app.clientSecret.utf8))
        ).base64EncodedString()
        var body: [String: JSONValue] = [
            "access_token": .string(tokens.access), "signature": .string(signature), "scope": .string(scope),
            "instance_url": .string(state.instanceURL), "id": .string(identity), "token_type": "Bearer", "issued_at": .string(issuedAt),
        ]
        body["refresh_token"] = tokens.refresh.map { .string($0) }
        return try SalesforceWire.json(.object(body))
    }

    /// 200 with an empty body, or 400 `invalid_token`.
    static func revoke(_ request: Request, _ state: SalesforceStandInState) async throws -> Response {
        let form = try await StandInResponses.form(request)
        state.received(form: form, at: request.uri.path)
        guard let token = form["token"], state.oauth.revoke(token) else {
            return try SalesforceWire.oauthError("invalid_token", "Token was invalid")
        }
        return Response(status: .ok)
    }

    /// The OpenID Connect UserInfo document; a dead token gets 403 `Bad_OAuth_Token`,
    /// the identity service's answer.
    static func userInfo(_ request: Request, _ state: SalesforceStandInState) throws -> Response {
        guard let token = bearer(request), let userId = state.oauth.user(forAccessToken: token),
            let user = state.org.record(userId)
        else { return SalesforceWire.text("Bad_OAuth_Token", status: .forbidden) }
        let name = SOQLExecutor.json(user.fields["Name"] ?? .null)
        let username = SOQLExecutor.json(user.fields["Username"] ?? .null)
        let org = state.oauth.organizationId
        return try SalesforceWire.json([
            "sub": .string("\(state.instanceURL)/id/\(org)/\(userId)"), "user_id": .string(userId), "organization_id": .string(org),
            "preferred_username": username, "nickname": username, "name": name, "email": username, "email_verified": true,
            "zoneinfo": "America/Los_Angeles", "locale": "en_US", "language": "en_US", "user_type": "STANDARD", "active": true,
            "utcOffset": -28_800_000, "is_app_installed": true, "profile": .string("\(state.instanceURL)/\(userId)"),
            "urls": ["rest": .string("\(state.instanceURL)/services/data/v{version}/")],
        ])
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst("Bearer ".count))
    }

    private static func redirectTo(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location])
    }
}

/// `key=value&…` with RFC 3986 escaping, for redirect URLs.
enum SalesforceFormQuery {
    static func encode(_ items: [(String, String)]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return items.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}
