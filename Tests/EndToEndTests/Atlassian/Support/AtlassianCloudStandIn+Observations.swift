import ConnectorModel
import HTTPTypes
import NIOCore
import StandIns

/// What the stand-ins saw and handed out, read from their own records.
extension AtlassianCloudStandIn {
    /// The token endpoint's successful answers, in order.
    var tokenResponses: [JSONValue] {
        authServer.exchanges.all.filter { $0.path == "/oauth/token" && $0.status == 200 }.compactMap(\.responseJSON)
    }

    /// Every access and refresh token the token endpoint issued.
    var issuedTokens: [String] {
        tokenResponses.flatMap { [$0["access_token"]?.stringValue, $0["refresh_token"]?.stringValue].compactMap { $0 } }
    }

    /// Requests the host (not the test) sent to the token endpoint: code exchanges and refresh grants.
    var hostTokenRequests: Int {
        authServer.exchanges.all.filter { $0.path == "/oauth/token" && $0.isFromHost }.count
    }

    /// A refresh-token grant sent straight to the token endpoint, as the app
    /// would: rotates the token behind the host's back, or tells whether the
    /// stand-in still honours it (200) or refuses it (403 `invalid_grant`).
    func redeemRefreshToken(_ refreshToken: String) async throws -> (status: Int, body: JSONValue) {
        let body: JSONValue = [
            "grant_type": "refresh_token", "client_id": .string(identity.app.clientId), "client_secret": .string(identity.app.clientSecret),
            "refresh_token": .string(refreshToken),
        ]
        let response = try await PlainHTTP.send(
            .post, port: authServer.port, path: "/oauth/token", headers: [.contentType: "application/json"], body: try WireCoding.encode(body))
        let answer = response.body.flatMap { try? WireCoding.decode(JSONValue.self, from: Array($0.readableBytesView)) } ?? .null
        return (Int(response.status.code), answer)
    }

    /// The product API's exchanges whose path ends with `suffix`.
    func apiExchanges(endingWith suffix: String) -> [Exchange] {
        apiServer.exchanges.all.filter { $0.path.hasSuffix(suffix) }
    }
}
