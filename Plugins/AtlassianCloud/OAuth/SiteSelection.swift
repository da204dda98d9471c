import ConnectorSDK

/// Picks the site an OAuth grant connects to among its accessible resources.
public enum SiteSelection {
    /// The site the client asked for (`cloudId` or `siteUrl` in the exchange's
    /// connection config), else the first site with a scope of `product`.
    public static func choose(
        _ resources: [AccessibleResource], product: AtlassianProduct, requested: [String: JSONValue]
    ) throws -> AccessibleResource {
        let forProduct = resources.filter { ($0.scopes ?? []).contains(where: product.owns(scope:)) }
        if let cloudId = requested["cloudId"]?.stringValue {
            guard let match = forProduct.first(where: { $0.id == cloudId }) else { throw notGranted("the requested cloud id", product) }
            return match
        }
        if let site = requested["siteUrl"]?.stringValue {
            let wanted = try SiteURL.normalize(site)
            guard let match = forProduct.first(where: { (try? SiteURL.normalize($0.url)) == wanted }) else {
                throw notGranted("the requested site", product)
            }
            return match
        }
        guard let first = forProduct.first else { throw notGranted("any site", product) }
        return first
    }

    private static func notGranted(_ what: String, _ product: AtlassianProduct) -> ErrorDocument {
        ErrorDocument(
            code: ErrorDocument.Code.forbidden,
            message: "The authorization does not grant \(product.displayName) access to \(what); approve the app for that site and try again.")
    }
}
