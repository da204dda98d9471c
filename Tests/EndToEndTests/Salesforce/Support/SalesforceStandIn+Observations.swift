import ConnectorModel
import Foundation
import HTTPTypes
import StandIns
import Testing

/// What the stand-in saw and handed out, read from its own records.
extension SalesforceStandIn {
    /// The token endpoint's successful answers, in order.
    var tokenResponses: [JSONValue] {
        exchanges.all.filter { $0.path == "/services/oauth2/token" && $0.status == 200 }.compactMap(\.responseJSON)
    }

    /// Every access and refresh token the stand-in issued.
    var issuedTokens: [String] {
        tokenResponses.flatMap { [$0["access_token"]?.stringValue, $0["refresh_token"]?.stringValue].compactMap { $0 } }
    }

    /// How many refresh-token grants the token endpoint received.
    var refreshTokenGrants: Int {
        formSubmissions.filter { $0.path == "/services/oauth2/token" && $0.fieldNames.contains("refresh_token") }.count
    }

    /// Form bodies posted to the revocation endpoint.
    var revocations: [SalesforceFormSubmission] {
        formSubmissions.filter { $0.path == "/services/oauth2/revoke" }
    }

    /// What a user does under Setup → Connected Apps OAuth Usage → Revoke: the
    /// token (and, for a refresh token, every session issued from it) stops working.
    func revokeAsUser(_ token: String) async throws {
        let body = "token=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)
        let response = try await PlainHTTP.send(
            .post, port: server.port, path: "/services/oauth2/revoke",
            headers: [.contentType: "application/x-www-form-urlencoded"], body: Array(body.utf8))
        try #require(response.status == .ok, "the stand-in did not revoke the token: \(response.status)")
    }

    /// A refresh-token grant sent straight to the stand-in, as the connected app
    /// would; tells whether the stand-in still honours `refreshToken`.
    func acceptsRefreshToken(_ refreshToken: String) async throws -> Bool {
        let fields = [
            ("grant_type", "refresh_token"), ("client_id", oauth.app.clientId), ("client_secret", oauth.app.clientSecret),
            ("refresh_token", refreshToken),
        ]
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        let response = try await PlainHTTP.send(
            .post, port: server.port, path: "/services/oauth2/token",
            headers: [.contentType: "application/x-www-form-urlencoded"], body: Array(body.utf8))
        return response.status == .ok
    }

    /// The SOQL queries the REST API answered (not queryMore), in arrival order.
    var soqlQueries: [SalesforceRecordedQuery] {
        exchanges.all.filter { $0.path.hasSuffix("/query") || $0.path.hasSuffix("/query/") }.compactMap(SalesforceRecordedQuery.init)
    }
}

/// One SOQL query the stand-in answered: the statement, the bearer token that
/// sent it, and the Ids of the records it returned.
struct SalesforceRecordedQuery: Sendable {
    let soql: String
    let bearer: String?
    let status: Int
    let recordIds: [String]

    init?(_ exchange: Exchange) {
        let fields = exchange.query.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        guard let encoded = fields.first(where: { $0.first == "q" && $0.count == 2 })?[1] else { return nil }
        soql = encoded.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? encoded
        bearer = exchange.bearer
        status = exchange.status
        recordIds = exchange.responseJSON?["records"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } ?? []
    }

    /// The timestamp a keyset condition (`SystemModstamp > …`) starts after, if any.
    var startsAfter: String? {
        guard let range = soql.range(of: "SystemModstamp > ") else { return nil }
        return String(soql[range.upperBound...].prefix { $0 != ")" && $0 != " " })
    }
}
