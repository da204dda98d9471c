import Foundation
import Synchronization

/// The stand-in's connected app and the codes and tokens it has issued.
public final class SalesforceOAuthState: Sendable {
    /// The connected app the stand-in knows.
    public struct ConnectedApp: Sendable {
        public var clientId: String
        public var clientSecret: String
        /// Callback URLs registered for the app; `redirect_uri` must be one of them exactly.
        public var callbackURLs: [String]
        /// The "Enable Refresh Token Rotation" policy: off by default, as in Salesforce.
        public var rotatesRefreshTokens: Bool

        public init(
            clientId: String = "3MVG9standin.ConsumerKey", clientSecret: String = "standin-consumer-secret-7f3a9c",
            callbackURLs: [String] = ["https://host.example.com/oauth/callback"], rotatesRefreshTokens: Bool = false
        ) {
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.callbackURLs = callbackURLs
            self.rotatesRefreshTokens = rotatesRefreshTokens
        }
    }

    struct AuthorizationCode {
        let redirectURI: String
        let challenge: String
        let scope: String
        let userId: String
    }

    struct AccessToken {
        let userId: String
        let refreshToken: String?
        var expired: Bool
    }

    private struct State {
        var codes: [String: AuthorizationCode] = [:]
        var accessTokens: [String: AccessToken] = [:]
        /// Refresh token → user and scope.
        var refreshTokens: [String: (userId: String, scope: String)] = [:]
    }

    public let app: ConnectedApp
    /// The org's Id (`00D…`), part of identity URLs and access tokens.
    public let organizationId = SalesforceID.make(prefix: "00D", number: 1)
    private let state = Mutex(State())

    init(app: ConnectedApp) {
        self.app = app
    }

    func issueCode(redirectURI: String, challenge: String, scope: String, userId: String) -> String {
        // Real codes end in "==", so a client that does not percent-decode them fails here too.
        let code = "aPrx" + Self.randomToken(48) + "=="
        state.withLock { $0.codes[code] = AuthorizationCode(redirectURI: redirectURI, challenge: challenge, scope: scope, userId: userId) }
        return code
    }

    /// Takes the code out: a code is good for one attempt, right or wrong.
    func redeem(_ code: String) -> AuthorizationCode? {
        state.withLock { $0.codes.removeValue(forKey: code) }
    }

    /// A new access token, and a refresh token when `refreshToken` is nil and the scope asks for one.
    public func issueTokens(userId: String, scope: String, refreshToken: String? = nil) -> (access: String, refresh: String?) {
        let newRefresh = refreshToken == nil && scope.split(separator: " ").contains("refresh_token") ? "5Aep861" + Self.randomToken(64) : nil
        let access = "\(organizationId.prefix(15))!" + Self.randomToken(96)
        state.withLock { state in
            if let newRefresh { state.refreshTokens[newRefresh] = (userId, scope) }
            state.accessTokens[access] = AccessToken(userId: userId, refreshToken: refreshToken ?? newRefresh, expired: false)
        }
        return (access, newRefresh)
    }

    /// The user and scope behind a live refresh token.
    func refreshGrant(_ token: String) -> (userId: String, scope: String)? {
        state.withLock { $0.refreshTokens[token] }
    }

    /// The user behind a live access token.
    func user(forAccessToken token: String) -> String? {
        state.withLock { state in state.accessTokens[token].flatMap { $0.expired ? nil : $0.userId } }
    }

    /// Ends every session, as Salesforce does after the session timeout; refresh tokens stay good.
    public func expireAccessTokens() {
        state.withLock { state in
            for token in state.accessTokens.keys { state.accessTokens[token]?.expired = true }
        }
    }

    /// Revokes an access token, or a refresh token and every access token issued from it.
    func revoke(_ token: String) -> Bool {
        state.withLock { state in
            if state.refreshTokens.removeValue(forKey: token) != nil {
                state.accessTokens = state.accessTokens.filter { $0.value.refreshToken != token }
                return true
            }
            return state.accessTokens.removeValue(forKey: token) != nil
        }
    }

    static func randomToken(_ length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._")
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }
}
