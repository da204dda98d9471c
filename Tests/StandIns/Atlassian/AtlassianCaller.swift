import Foundation
import Hummingbird

/// Who is calling a product stand-in: an OAuth app through the API gateway
/// (bearer token for the cloud id in the path) or the account at the site
/// itself (HTTP basic with e-mail and API token).
public enum AtlassianCaller: Sendable {
    case oauth(AtlassianIdentity.AccessGrant)
    case basic

    /// The caller, or nil when the credentials do not fit the route:
    /// gateway routes (`cloudId` given) take bearer tokens for that site,
    /// site routes take basic credentials.
    public static func authenticate(_ request: Request, identity: AtlassianIdentity, cloudId: String?) -> AtlassianCaller? {
        guard let header = request.headers[.authorization] else { return nil }
        if header.hasPrefix("Bearer ") {
            guard let grant = identity.grant(forAccessToken: String(header.dropFirst(7))) else { return nil }
            // accessible-resources (no cloud id) takes any valid token; product routes only those granted for the site.
            if let cloudId, !identity.resources(for: grant).contains(where: { $0.cloudId == cloudId }) { return nil }
            return .oauth(grant)
        }
        guard cloudId == nil, header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else { return nil }
        return identity.acceptsAPIToken(email: String(pair[..<colon]), token: String(pair[pair.index(after: colon)...])) ? .basic : nil
    }

    /// Whether the caller may use an operation that needs `scope` (API tokens act with the account's full rights).
    public func allows(_ scope: String) -> Bool {
        switch self {
        case .oauth(let grant): grant.scopes.contains(scope)
        case .basic: true
        }
    }

    public var isOAuth: Bool {
        if case .oauth = self { return true }
        return false
    }
}
