import Foundation
import Hummingbird

/// Who is calling a product stand-in: an OAuth app through the API gateway
/// (bearer token for the cloud id in the path) or the account at the site
/// itself (HTTP basic with e-mail and API token).
public enum AtlassianCaller: Sendable {
    case oauth(AtlassianIdentity.AccessGrant)
    case basic

    /// Where a request arrived, which decides the credentials it takes.
    public enum Route: Sendable {
        /// `api.atlassian.com` itself (accessible resources): any valid bearer token.
        case identity
        /// `/ex/{product}/{cloudId}`: bearer tokens granted for that site.
        case gateway(cloudId: String)
        /// The site (`https://acme.atlassian.net`): basic e-mail:API token only.
        case site

        /// A product request's route: the gateway when its path named a cloud id.
        public static func product(cloudId: String?) -> Route {
            cloudId.map { .gateway(cloudId: $0) } ?? .site
        }
    }

    /// The caller, or nil when the credentials do not fit the route.
    public static func authenticate(_ request: Request, identity: AtlassianIdentity, route: Route) -> AtlassianCaller? {
        guard let header = request.headers[.authorization] else { return nil }
        if header.hasPrefix("Bearer ") {
            guard let grant = identity.grant(forAccessToken: String(header.dropFirst(7))) else { return nil }
            switch route {
            case .identity: return .oauth(grant)
            case .gateway(let cloudId): return identity.resources(for: grant).contains { $0.cloudId == cloudId } ? .oauth(grant) : nil
            case .site: return nil
            }
        }
        guard case .site = route, header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))),
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
