import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where and how one connection reaches its Atlassian site: through the API
/// gateway with an OAuth 2.0 (3LO) bearer token, or at the site itself with
/// HTTP basic authentication (e-mail and API token).
public struct AtlassianConnection: Sendable {
    /// How the connection authenticates.
    public enum Method: String, Sendable {
        case oauth
        case apiToken = "api_token"
    }

    public let product: AtlassianProduct
    public let method: Method
    /// Prefix of every API path: `{api}/ex/jira/<cloudId>` or `https://acme.atlassian.net`.
    public let baseURL: String
    /// The site's own URL for links people open, when known.
    public let siteURL: String?
    /// The `Authorization` header value. Secret: never logged or returned.
    let authorization: String

    /// Reads the connection of `context`; throws `invalid_input` without a
    /// connection and `invalid_credentials` naming what the connection lacks.
    public init(_ context: CallContext, product: AtlassianProduct) throws {
        guard let connection = context.connection, let credentials = connection.credentials else {
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "\(context.operation) needs a \(product.displayName) connection with credentials.")
        }
        self.product = product
        switch credentials.type {
        case .oauth2:
            guard let token = credentials.accessToken, !token.isEmpty else { throw Self.lacking("an OAuth access token", product) }
            guard let cloudId = context.connectionSetting("cloudId") else { throw Self.lacking("the cloudId setting", product) }
            // The cloud id becomes a path segment: keep it to the characters Atlassian uses (a UUID).
            guard cloudId.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "-") }) else {
                throw ErrorDocument(code: ErrorDocument.Code.invalidCredentials, message: "The connection's cloudId is not an Atlassian cloud id.")
            }
            method = .oauth
            baseURL = product.gatewayBase(cloudId: cloudId)
            siteURL = try context.connectionSetting("siteUrl").map { try SiteURL.normalize($0) }
            authorization = "Bearer \(token)"
        case .apiKey, .basic:
            guard let site = context.connectionSetting("siteUrl") else { throw Self.lacking("the siteUrl setting", product) }
            guard let email = context.connectionSetting("email") ?? credentials.username, !email.isEmpty else {
                throw Self.lacking("the email setting", product)
            }
            guard let token = credentials.apiKey ?? credentials.password, !token.isEmpty else { throw Self.lacking("an API token (apiKey)", product) }
            method = .apiToken
            baseURL = try SiteURL.normalize(site)
            siteURL = baseURL
            authorization = "Basic " + Data("\(email):\(token)".utf8).base64EncodedString()
        case .connectionString:
            throw ErrorDocument(
                code: ErrorDocument.Code.invalidCredentials,
                message: "\(product.displayName) connections use OAuth 2.0 or an API token, not a connection string.")
        }
    }

    /// A connection with a fresh OAuth token, before any is stored (right after the code exchange).
    public init(product: AtlassianProduct, cloudId: String, siteURL: String?, accessToken: String) {
        self.product = product
        method = .oauth
        baseURL = product.gatewayBase(cloudId: cloudId)
        self.siteURL = siteURL
        authorization = "Bearer \(accessToken)"
    }

    private static func lacking(_ what: String, _ product: AtlassianProduct) -> ErrorDocument {
        ErrorDocument(code: ErrorDocument.Code.invalidCredentials, message: "The \(product.displayName) connection lacks \(what).")
    }
}
