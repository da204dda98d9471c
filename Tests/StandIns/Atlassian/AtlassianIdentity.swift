import Foundation
import Synchronization

/// The Atlassian identity platform of a test: one OAuth 2.0 (3LO) app, one
/// account with an API token, and the sites the account can reach. Shared by
/// the OAuth routes, which issue tokens, and the product stand-ins, which
/// accept them.
public final class AtlassianIdentity: Sendable {
    /// The registered OAuth app.
    public struct App: Sendable {
        public var clientId: String
        public var clientSecret: String
        public var redirectURIs: [String]

        public init(clientId: String, clientSecret: String, redirectURIs: [String]) {
            self.clientId = clientId
            self.clientSecret = clientSecret
            self.redirectURIs = redirectURIs
        }
    }

    /// The account that consents and whose API token works on every site.
    public struct Account: Sendable {
        public var accountId: String
        public var email: String
        public var displayName: String
        /// The profile's time zone: Jira writes times and reads JQL dates in it.
        public var timeZone: String
        public var apiToken: String

        public init(accountId: String, email: String, displayName: String, timeZone: String, apiToken: String) {
            self.accountId = accountId
            self.email = email
            self.displayName = displayName
            self.timeZone = timeZone
            self.apiToken = apiToken
        }
    }

    /// A cloud site and the product scopes it offers.
    public struct Site: Sendable {
        public var cloudId: String
        public var name: String
        public var url: String
        public var scopes: [String]

        public init(cloudId: String, name: String, url: String, scopes: [String]) {
            self.cloudId = cloudId
            self.name = name
            self.url = url
            self.scopes = scopes
        }
    }

    /// What an access token allows.
    public struct AccessGrant: Sendable {
        public var scopes: Set<String>
        public var expiresAt: Date
    }

    public let app: App
    public let account: Account
    public let sites: [Site]
    /// Access token lifetime, in seconds (Atlassian: one hour).
    public let accessTokenLifetime: Int
    let state = Mutex(GrantState())

    public init(app: App, account: Account, sites: [Site], accessTokenLifetime: Int = 3600) {
        self.app = app
        self.account = account
        self.sites = sites
        self.accessTokenLifetime = accessTokenLifetime
    }

    /// The grant behind a bearer token, if it is known and unexpired.
    public func grant(forAccessToken token: String) -> AccessGrant? {
        state.withLock { $0.accessTokens[token] }.flatMap { $0.expiresAt > Date() ? $0 : nil }
    }

    /// Test switch: every access token issued so far stops working, as after expiry.
    public func expireAccessTokens() {
        state.withLock { $0.accessTokens.removeAll() }
    }

    /// The sites a grant reaches, each with the granted scopes it offers.
    public func resources(for grant: AccessGrant) -> [Site] {
        sites.compactMap { site in
            let scopes = site.scopes.filter { grant.scopes.contains($0) }
            return scopes.isEmpty ? nil : Site(cloudId: site.cloudId, name: site.name, url: site.url, scopes: scopes)
        }
    }

    /// True for `email:token` of the account (HTTP basic authentication on a site).
    public func acceptsAPIToken(email: String, token: String) -> Bool {
        email.lowercased() == account.email.lowercased() && token == account.apiToken
    }
}

/// Codes and tokens issued so far.
struct GrantState {
    struct PendingCode {
        var redirectURI: String
        var scopes: Set<String>
        var challenge: String?
        var used = false
    }

    var codes: [String: PendingCode] = [:]
    var accessTokens: [String: AtlassianIdentity.AccessGrant] = [:]
    /// Refresh tokens with their scopes; a used one is removed (rotation).
    var refreshTokens: [String: Set<String>] = [:]
}

/// Random opaque strings for codes and tokens.
enum RandomToken {
    static func make(_ prefix: String, bytes: Int = 24) -> String {
        prefix + (0..<bytes).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
    }
}
