import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `scheme://host[:port]` and nothing else: the shape of a Salesforce instance
/// URL or login host. Anything with a path, query, fragment or user info is
/// refused, so a stored URL can only choose a server, never smuggle in a request.
struct HTTPOrigin: Sendable, Equatable {
    let scheme: String
    let host: String
    let port: Int?

    init?(_ text: String) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, !host.isEmpty, url.user == nil, url.password == nil, url.query == nil, url.fragment == nil,
            url.path.isEmpty
        else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = url.port
    }

    /// The origin as a base URL, without a trailing slash.
    var url: String {
        port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}

/// Where OAuth requests go: the login host the connection captured when it was
/// set up (a My Domain or sandbox), else the operator's `login` endpoint.
enum LoginHost {
    /// Salesforce's own domains. A captured login host must be one of them (or the
    /// operator's login endpoint host), because the client secret is sent there.
    static let salesforceDomains = ["salesforce.com", "force.com", "site.com", "cloudforce.com", "database.com", "salesforce.mil"]

    /// `{login}` for the host to resolve, or the captured login URL.
    static func base(_ captured: String?, _ context: CallContext) throws -> String {
        guard let captured, !captured.isEmpty else { return "{login}" }
        guard let origin = HTTPOrigin(captured) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The connection's loginUrl is not a plain https origin.")
        }
        let operatorHost = context.connector.endpoints["login"].flatMap(HTTPOrigin.init)?.host
        let isSalesforce = origin.scheme == "https" && salesforceDomains.contains { origin.host == $0 || origin.host.hasSuffix("." + $0) }
        guard isSalesforce || origin.host == operatorHost else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput,
                message: "The connection's loginUrl \(origin.url) is not a Salesforce login host.",
                details: ["allowedDomains": .array(salesforceDomains.map { .string($0) })])
        }
        return origin.url
    }
}
