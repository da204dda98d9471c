import ConnectorModel
import StandIns

/// What a stand-in's record of one exchange says about the request and its answer.
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
