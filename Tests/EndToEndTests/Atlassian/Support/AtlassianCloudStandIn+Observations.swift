import ConnectorModel
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StandIns

/// What the stand-ins saw and handed out, read from their own records.
extension AtlassianCloudStandIn {
    /// The token endpoint's successful answers, in order.
    var tokenResponses: [JSONValue] {
        authServer.exchanges.all.filter { $0.path == "/oauth/token" && $0.status == 200 }.compactMap { exchange in
            try? WireCoding.decode(JSONValue.self, from: exchange.responseBody)
        }
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
        let port = authServer.port
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(
                TestClient.Request(
                    "/oauth/token", method: .post, authority: "127.0.0.1:\(port)", headers: [.contentType: "application/json"],
                    body: ByteBuffer(bytes: try WireCoding.encode(body))))
        }
        let answer = response.body.flatMap { try? WireCoding.decode(JSONValue.self, from: Array($0.readableBytesView)) } ?? .null
        return (Int(response.status.code), answer)
    }

    /// The product API's exchanges whose path ends with `suffix`.
    func apiExchanges(endingWith suffix: String) -> [Exchange] {
        apiServer.exchanges.all.filter { $0.path.hasSuffix(suffix) }
    }
}

extension Exchange {
    /// The request's `Authorization` header.
    var authorization: String? {
        requestHeaders.first { $0.key.lowercased() == "authorization" }?.value
    }

    /// The bearer token the request carried, if any.
    var bearer: String? {
        authorization.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
    }

    /// Whether the host's outbound HTTP client sent it (its `User-Agent`).
    var isFromHost: Bool {
        requestHeaders.first { $0.key.lowercased() == "user-agent" }?.value.hasPrefix("Unified Connector Host") == true
    }

    /// The JSON body of the response.
    var responseJSON: JSONValue? {
        try? WireCoding.decode(JSONValue.self, from: responseBody)
    }
}
