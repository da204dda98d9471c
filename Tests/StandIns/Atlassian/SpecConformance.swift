import ConnectorModel
import JSONSchema

/// Checks every response a stand-in sent against the contract it imitates:
/// the vendor OpenAPI subsets for Jira and Confluence, Atlassian's documented
/// shapes for the OAuth endpoints. Each problem names the exchange.
public enum SpecConformance {
    /// Problems in `exchanges`; empty when every response keeps the contract.
    /// Skipped, by rule: deliberate `.garbage` faults, and error statuses the
    /// spec documents without a body (or not at all: 429, 5xx).
    public static func problems(in exchanges: [Exchange]) throws -> [String] {
        var problems: [String] = []
        for exchange in exchanges where exchange.responseBody != StandInFaults.garbageBody {
            let label = "\(exchange.method) \(exchange.path) → \(exchange.status)"
            for issue in try check(exchange) { problems.append("\(label): \(issue)") }
        }
        return problems
    }

    private static func check(_ exchange: Exchange) throws -> [String] {
        let path = exchange.path
        switch true {
        case path == "/authorize":
            // A redirect (302, no body) or Atlassian's HTML error page; never JSON.
            let fine = (exchange.status == 302 && exchange.responseBody.isEmpty) || (exchange.status == 400 && exchange.contentType?.hasPrefix("text/html") == true)
            return fine ? [] : ["/authorize answers a redirect or an HTML error page"]
        case path == "/oauth/token":
            return shape(exchange, exchange.status == 200 ? OAuthShapes.tokenResponse : OAuthShapes.tokenError)
        case path == "/oauth/token/accessible-resources":
            return exchange.status == 200 ? shape(exchange, OAuthShapes.accessibleResources) : []
        default:
            guard let (document, relative) = try route(path) else { return ["no vendor contract covers \(path)"] }
            let target = relative + (exchange.query.isEmpty ? "" : "?" + exchange.query)
            if exchange.status >= 400,
                document.responseSchema(method: exchange.method, path: target, status: exchange.status, contentType: exchange.contentType) == nil
            {
                return []
            }
            return document.validateResponse(
                method: exchange.method, path: target, status: exchange.status, contentType: exchange.contentType, bodyBytes: exchange.responseBody
            ).map(\.description)
        }
    }

    /// The document for a request path, and the path as the document writes
    /// it: the gateway prefix `/ex/{product}/{cloudId}` is not part of it.
    private static func route(_ path: String) throws -> (OpenAPIDocument, String)? {
        var relative = Substring(path)
        for product in ["jira", "confluence"] where relative.hasPrefix("/ex/\(product)/") {
            let afterProduct = relative.dropFirst("/ex/\(product)/".count)
            relative = afterProduct.firstIndex(of: "/").map { afterProduct[$0...] } ?? ""
        }
        if relative.hasPrefix("/rest/api/3/") { return (try UpstreamSpecs.jira.get(), String(relative)) }
        if relative.hasPrefix("/wiki/api/v2/") { return (try UpstreamSpecs.confluenceV2.get(), String(relative)) }
        if relative.hasPrefix("/wiki/rest/api/") { return (try UpstreamSpecs.confluenceV1.get(), String(relative)) }
        return nil
    }

    private static func shape(_ exchange: Exchange, _ schema: JSONValue) -> [String] {
        guard let body = try? WireCoding.decode(JSONValue.self, from: exchange.responseBody) else { return ["the body is not JSON"] }
        return JSONSchemaValidator(document: schema).validate(body).map(\.description)
    }
}
