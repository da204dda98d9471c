import ConnectorSDK

/// The result of connecting an account with OAuth: credentials and the site they reach.
public struct AtlassianGrant: Sendable {
    public let credentials: Credentials
    public let site: AccessibleResource
    /// A connection ready to call the product's API with the new token.
    public let connection: AtlassianConnection

    /// Non-secret settings the connection keeps: `cloudId`, `siteUrl`, `siteName`.
    public var connectionConfig: [String: JSONValue] {
        var config: [String: JSONValue] = ["cloudId": .string(site.id), "siteUrl": .string(site.url)]
        if let name = site.name { config["siteName"] = .string(name) }
        return config
    }

    /// Exchanges the code, then looks up which site the token reaches for `product`.
    public static func connect(_ exchange: OAuthCodeExchange, product: AtlassianProduct, _ context: CallContext) async throws -> AtlassianGrant {
        let credentials = try await AtlassianOAuth.exchange(exchange, context)
        let accessToken = credentials.accessToken ?? ""
        let resources = try await AtlassianOAuth.accessibleResources(accessToken: accessToken, context)
        let site = try SiteSelection.choose(resources, product: product, requested: exchange.connectionConfig)
        guard site.id.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "-") }), !site.id.isEmpty else {
            throw ErrorDocument(code: ErrorDocument.Code.upstreamBadResponse, message: "Atlassian named the site with a cloud id that is not one.")
        }
        let siteURL = try? SiteURL.normalize(site.url)
        return AtlassianGrant(
            credentials: credentials, site: site,
            connection: AtlassianConnection(product: product, cloudId: site.id, siteURL: siteURL, accessToken: accessToken))
    }
}
