import ConnectorModel
import Foundation
import Hummingbird

/// `auth.atlassian.com` (authorize, token) and the accessible-resources
/// endpoint of `api.atlassian.com`, as documented for OAuth 2.0 (3LO) apps:
/// https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
public enum AtlassianOAuthRoutes {
    /// `GET /authorize` and `POST /oauth/token` (the `auth` host).
    public static func addAuthorizationServer(to router: Router<BasicRequestContext>, identity: AtlassianIdentity) {
        router.get("authorize") { request, _ in authorize(request, identity) }
        router.post("oauth/token") { request, _ in try await token(request, identity) }
    }

    /// `GET /oauth/token/accessible-resources` (the `api` host).
    public static func addAccessibleResources(to router: Router<BasicRequestContext>, identity: AtlassianIdentity) {
        router.get("oauth/token/accessible-resources") { request, _ in
            guard case .oauth(let grant)? = AtlassianCaller.authenticate(request, identity: identity, route: .identity) else {
                return try StandInResponses.json(["code": 401, "message": "Unauthorized"] as JSONValue, status: .unauthorized)
            }
            let resources: [JSONValue] = identity.resources(for: grant).map { site in
                [
                    "id": .string(site.cloudId), "url": .string(site.url), "name": .string(site.name),
                    "scopes": .array(site.scopes.map { .string($0) }),
                    "avatarUrl": "https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png",
                ]
            }
            return try StandInResponses.json(JSONValue.array(resources))
        }
    }

    /// Consent is automatic: the account approves whatever a valid request asks.
    private static func authorize(_ request: Request, _ identity: AtlassianIdentity) -> Response {
        let query = request.uri.queryParameters
        let parameter = { (name: String) in query[name[...]].map(String.init) }
        // Without a registered client and redirect URI there is nowhere safe to send the user.
        guard parameter("client_id") == identity.app.clientId else { return page(400, "Invalid client_id.") }
        guard let redirect = parameter("redirect_uri"), identity.app.redirectURIs.contains(redirect) else {
            return page(400, "The redirect_uri is not registered for this app.")
        }
        let state = parameter("state")
        let fail = { (error: String, description: String) in redirectTo(redirect, [("error", error), ("error_description", description), ("state", state ?? "")]) }
        guard parameter("response_type") == "code" else { return fail("unsupported_response_type", "response_type must be code") }
        guard parameter("audience") == "api.atlassian.com" else { return fail("invalid_request", "audience must be api.atlassian.com") }
        guard let state, !state.isEmpty else { return fail("invalid_request", "state is required") }
        guard let challenge = parameter("code_challenge"), challenge.count >= 43, parameter("code_challenge_method") == "S256" else {
            return fail("invalid_request", "code_challenge with code_challenge_method=S256 is required")
        }
        let known = Set(identity.sites.flatMap(\.scopes) + ["offline_access"])
        let scopes = Set((parameter("scope") ?? "").split(separator: " ").map(String.init))
        guard !scopes.isEmpty, scopes.isSubset(of: known) else { return fail("invalid_scope", "unknown scope requested") }
        let code = identity.issueCode(redirectURI: redirect, scopes: scopes, challenge: challenge)
        return redirectTo(redirect, [("code", code), ("state", state)])
    }

    private static func token(_ request: Request, _ identity: AtlassianIdentity) async throws -> Response {
        let fields = try await bodyFields(request)
        do {
            guard fields["client_id"] == identity.app.clientId, fields["client_secret"] == identity.app.clientSecret else {
                throw AtlassianIdentity.OAuthError(status: 401, error: "access_denied", description: "Unauthorized")
            }
            let tokens: TokenSet
            switch fields["grant_type"] {
            case "authorization_code":
                guard let code = fields["code"] else { throw AtlassianIdentity.OAuthError(status: 400, error: "invalid_request", description: "code is required") }
                tokens = try await identity.redeem(code: code, redirectURI: fields["redirect_uri"], verifier: fields["code_verifier"]) { verifier in
                    try await OpenSSLTool.pkceChallenge(verifier)
                }
            case "refresh_token":
                tokens = try identity.rotate(refreshToken: fields["refresh_token"] ?? "")
            default:
                throw AtlassianIdentity.OAuthError(status: 400, error: "unsupported_grant_type", description: "grant_type is not supported")
            }
            return try StandInResponses.json(tokens)
        } catch let error as AtlassianIdentity.OAuthError {
            return try StandInResponses.json(
                ["error": .string(error.error), "error_description": .string(error.description)] as JSONValue, status: .init(code: error.status))
        }
    }

    /// Atlassian's token endpoint takes JSON; form bodies are accepted too.
    private static func bodyFields(_ request: Request) async throws -> [String: String] {
        if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            return try await StandInResponses.form(request)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        let object = (try? WireCoding.decode([String: JSONValue].self, from: Array(buffer.readableBytesView))) ?? [:]
        return object.compactMapValues(\.stringValue)
    }

    private static func redirectTo(_ base: String, _ parameters: [(String, String)]) -> Response {
        var components = URLComponents(string: base)!
        components.queryItems = (components.queryItems ?? []) + parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        return Response(status: .found, headers: [.location: components.string!])
    }

    private static func page(_ status: Int, _ message: String) -> Response {
        let html = "<!DOCTYPE html><html><body><h1>Something went wrong</h1><p>\(message)</p></body></html>"
        return Response(status: .init(code: status), headers: [.contentType: "text/html;charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
