import ConnectorSDK

/// What Atlassian's token endpoint takes and answers (not in any OpenAPI:
/// https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/).
struct TokenRequest: Encodable, Sendable {
    let grantType: String
    let clientId: String
    let clientSecret: String
    var code: String? = nil
    var redirectUri: String? = nil
    var codeVerifier: String? = nil
    var refreshToken: String? = nil

    enum CodingKeys: String, CodingKey {
        case grantType = "grant_type", clientId = "client_id", clientSecret = "client_secret", code
        case redirectUri = "redirect_uri", codeVerifier = "code_verifier", refreshToken = "refresh_token"
    }
}

/// `{"access_token", "expires_in", "token_type", "refresh_token"?, "scope"}`.
struct TokenResponse: Decodable, Sendable {
    let accessToken: String
    let expiresIn: Int?
    let tokenType: String?
    let refreshToken: String?
    let scope: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expiresIn = "expires_in", tokenType = "token_type", refreshToken = "refresh_token", scope
    }
}

/// `{"error": "invalid_grant", "error_description": "Unknown or invalid refresh token."}`.
struct TokenErrorResponse: Decodable, Sendable {
    let error: String
    let errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error, errorDescription = "error_description"
    }
}

/// One entry of `GET /oauth/token/accessible-resources`: a site the token may reach.
public struct AccessibleResource: Decodable, Sendable, Equatable {
    /// The cloud id, the path segment of `/ex/jira/{cloudId}`.
    public let id: String
    public let name: String?
    public let url: String
    public let scopes: [String]?
    public let avatarUrl: String?
}
