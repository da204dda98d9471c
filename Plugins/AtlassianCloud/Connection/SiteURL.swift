import ConnectorSDK

/// A site URL a client typed (`https://acme.atlassian.net`), checked and
/// reduced to `scheme://host[:port]` so the connector only ever appends its
/// own paths to it.
public enum SiteURL {
    /// The normalized site, or `invalid_input` naming what is wrong. Plain
    /// `http` is accepted only for loopback hosts (stand-ins, local proxies):
    /// an API token must never cross the network in clear text.
    public static func normalize(_ text: String, field: String = "siteUrl") throws -> String {
        let invalid = { (why: String) in
            ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The \(field) setting \(why); expected e.g. https://your-site.atlassian.net.")
        }
        var rest = trimmed(text)
        guard let schemeEnd = rest.firstRange(of: "://") else { throw invalid("has no http(s) scheme") }
        let scheme = rest[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { throw invalid("must use https") }
        rest = rest[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        let authority = rest[..<authorityEnd].lowercased()
        let path = rest[authorityEnd...]
        guard !authority.isEmpty, !authority.contains("@") else { throw invalid("must name a host and no user information") }
        guard authority.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) }) else {
            throw invalid("has characters that cannot be in a host name")
        }
        // A pasted browser URL may carry /wiki or /jira/...; the site is the origin.
        guard !path.contains("?"), !path.contains("#") else { throw invalid("must not carry a query or fragment") }
        if scheme == "http", !isLoopback(authority) { throw invalid("must use https") }
        return "\(scheme)://\(authority)"
    }

    private static func isLoopback(_ authority: String) -> Bool {
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        let ipv4Loopback = host.hasPrefix("127.") && host.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        return host == "localhost" || host == "[::1]" || ipv4Loopback
    }

    private static func trimmed(_ text: String) -> Substring {
        var slice = Substring(text).drop { $0.isWhitespace }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return slice
    }
}
