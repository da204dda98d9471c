import ConnectorModel

/// `POST /api/connectors/{id}/connect` body (the original service's field names).
struct ConnectRequest: Decodable, Sendable {
    var workspaceId: String?
    /// "oauth2", "api_key", "basic" or "connection_string"; defaults to oauth2 when the connector offers it.
    var method: AuthMethod.Kind?
    var redirectUri: String?
    var scopes: [String]?
    /// Optional double-submit token, checked again on the callback.
    var csrfToken: String?
    /// Non-secret settings to keep for the connection (e.g. a Salesforce login host).
    var connectionConfig: [String: JSONValue]?
}

/// `POST /api/connectors/{id}/connect/callback` body: OAuth (`code`, `state`) or
/// credential fields (`apiKey`, `apiSecret`, `siteUrl`, ...) as the manifest lists them.
struct CallbackRequest: Sendable {
    var workspaceId: String?
    var method: AuthMethod.Kind?
    var code: String?
    var state: String?
    /// Old clients send it; the stored verifier is authoritative, so it is ignored.
    var codeVerifier: String?
    var csrfToken: String?
    var displayName: String?
    /// Every other member, by name: the credential fields.
    var fields: [String: JSONValue]

    init(_ body: [String: JSONValue]) throws(APIError) {
        func string(_ key: String) throws(APIError) -> String? {
            guard let value = body[key], !value.isNull else { return nil }
            guard let text = value.stringValue else {
                throw APIError.invalidRequest("The field \"\(key)\" must be a string.", details: ["field": .string(key)])
            }
            return text
        }
        workspaceId = try string("workspaceId")
        if let method = try string("method") {
            guard let kind = AuthMethod.Kind(rawValue: method) else {
                throw APIError.invalidRequest("method must be oauth2, api_key, basic or connection_string.", details: ["field": "method"])
            }
            self.method = kind
        }
        code = try string("code")
        state = try string("state")
        codeVerifier = try string("codeVerifier")
        csrfToken = try string("csrfToken")
        displayName = try string("displayName")
        let reserved: Set<String> = ["workspaceId", "method", "code", "state", "codeVerifier", "csrfToken", "displayName"]
        fields = body.filter { !reserved.contains($0.key) }
    }

    var isOAuth: Bool { method == .oauth2 || (method == nil && code != nil) }
}
