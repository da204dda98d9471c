import Foundation

extension AtlassianIdentity {
    /// An OAuth error as the token endpoint reports it.
    public struct OAuthError: Error, Sendable {
        public var status: Int
        public var error: String
        public var description: String
    }

    /// Records consent for an authorization request and returns its code.
    func issueCode(redirectURI: String, scopes: Set<String>, challenge: String?) -> String {
        let code = RandomToken.make("code-", bytes: 16)
        state.withLock { $0.codes[code] = .init(redirectURI: redirectURI, scopes: scopes, challenge: challenge) }
        return code
    }

    /// Redeems a code once. PKCE: `challengeOf` computes S256 of the verifier.
    func redeem(code: String, redirectURI: String?, verifier: String?, challengeOf: (String) async throws -> String) async throws -> TokenSet {
        let pending = state.withLock { state -> GrantState.PendingCode? in
            guard let pending = state.codes[code], !pending.used else { return nil }
            state.codes[code]?.used = true  // single use, even when the rest of the request is wrong
            return pending
        }
        guard let pending else { throw OAuthError(status: 403, error: "invalid_grant", description: "Invalid authorization code") }
        guard redirectURI == pending.redirectURI else {
            throw OAuthError(status: 403, error: "invalid_grant", description: "redirect_uri does not match the authorization request")
        }
        if let challenge = pending.challenge {
            guard let verifier, try await challengeOf(verifier) == challenge else {
                throw OAuthError(status: 403, error: "invalid_grant", description: "code_verifier does not match the code_challenge")
            }
        }
        return issueTokens(scopes: pending.scopes)
    }

    /// Trades a refresh token for new tokens; the old refresh token stops working.
    func rotate(refreshToken: String) throws -> TokenSet {
        guard let scopes = state.withLock({ $0.refreshTokens.removeValue(forKey: refreshToken) }) else {
            throw OAuthError(status: 403, error: "invalid_grant", description: "Unknown or invalid refresh token.")
        }
        return issueTokens(scopes: scopes)
    }

    /// Tokens as if the account had just consented to `scopes`, for tests
    /// that need a connection but are not about onboarding.
    public func issueTokens(scopes: Set<String>) -> (accessToken: String, refreshToken: String?) {
        let tokens: TokenSet = issueTokens(scopes: scopes)
        return (tokens.accessToken, tokens.refreshToken)
    }

    private func issueTokens(scopes: Set<String>) -> TokenSet {
        let access = RandomToken.make("at-")
        let refresh = scopes.contains("offline_access") ? RandomToken.make("rt-") : nil
        state.withLock { state in
            state.accessTokens[access] = AccessGrant(scopes: scopes, expiresAt: Date().addingTimeInterval(TimeInterval(accessTokenLifetime)))
            if let refresh { state.refreshTokens[refresh] = scopes }
        }
        return TokenSet(accessToken: access, expiresIn: accessTokenLifetime, refreshToken: refresh, scope: scopes.sorted().joined(separator: " "))
    }
}

/// The token endpoint's success body.
struct TokenSet: Encodable {
    var accessToken: String
    var expiresIn: Int
    var tokenType = "Bearer"
    var refreshToken: String?
    var scope: String

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expiresIn = "expires_in", tokenType = "token_type", refreshToken = "refresh_token", scope
    }
}
