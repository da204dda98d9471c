import ConnectorSDK

/// The token endpoint's answer, as the OAuth 2.0 Web Server Flow documentation
/// shows it. Salesforce sends no `expires_in` (sessions end by inactivity) and
/// no `refresh_token` on a refresh unless rotation is switched on.
struct OAuthToken: Decodable, Sendable {
    let accessToken: String
    let refreshToken: String?
    let instanceUrl: String
    /// The identity URL, `https://login.salesforce.com/id/<orgId>/<userId>`.
    let id: String?
    let tokenType: String?
    let scope: String?
    let issuedAt: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", refreshToken = "refresh_token", instanceUrl = "instance_url", id
        case tokenType = "token_type", scope, issuedAt = "issued_at"
    }

    /// The organization and user ids at the end of the identity URL.
    var identity: (organizationId: String, userId: String)? {
        guard let parts = id?.split(separator: "/"), parts.count >= 3, parts[parts.count - 3] == "id" else { return nil }
        return (String(parts[parts.count - 2]), String(parts[parts.count - 1]))
    }

    /// The grant to store: `previousRefreshToken` is kept when Salesforce sends none,
    /// `connectionConfig` is the connection's existing settings, updated here.
    func grant(previousRefreshToken: String?, connectionConfig: [String: JSONValue], account: JSONValue?) throws -> ConnectionGrant {
        guard let instance = HTTPOrigin(instanceUrl) else {
            throw ErrorDocument(
                code: ErrorDocument.Code.upstreamBadResponse, message: "Salesforce answered with an instance_url that is not an http(s) origin.")
        }
        var extra: [String: JSONValue] = ["instanceUrl": .string(instance.url)]
        extra["identityUrl"] = id.map { .string($0) }
        extra["tokenType"] = tokenType.map { .string($0) }
        extra["issuedAt"] = issuedAt.map { .string($0) }
        let credentials = Credentials(
            type: .oauth2, accessToken: accessToken, refreshToken: refreshToken ?? previousRefreshToken, expiresAt: nil,
            scopes: scope.map { $0.split(separator: " ").map(String.init) }, extra: extra)
        var config = connectionConfig
        config["instanceUrl"] = .string(instance.url)
        if let identity {
            config["organizationId"] = .string(identity.organizationId)
            config["userId"] = .string(identity.userId)
        }
        let displayName = account.flatMap { account in
            account["preferred_username"]?.stringValue.map { username in
                account["name"]?.stringValue.map { "\($0) (\(username))" } ?? username
            }
        }
        return ConnectionGrant(credentials: credentials, connectionConfig: config, account: account, displayName: displayName)
    }
}

/// The token and revocation endpoints' failure body: `{"error", "error_description"}`.
struct OAuthFailure: Decodable, Sendable {
    let error: String
    let errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error, errorDescription = "error_description"
    }

    /// The unified error for a failed token request about `what`.
    static func document(_ response: HTTPResponse, what: String, secrets: [String]) -> ErrorDocument {
        guard response.status < 500, let failure = try? response.decode(OAuthFailure.self) else {
            return ErrorDocument(providerStatus: response.status, what: what)
        }
        let said = Redaction.mask(failure.errorDescription ?? failure.error, secrets: secrets)
        let details: JSONValue = ["providerStatus": .number(Double(response.status)), "providerCode": .string(failure.error)]
        switch failure.error {
        case "invalid_grant":
            return ErrorDocument(code: "invalid_grant", message: "Salesforce refused \(what): \(said).", details: details)
        case "invalid_client_id", "invalid_client", "unauthorized_client":
            return ErrorDocument(
                code: ErrorDocument.Code.notConfigured,
                message: "Salesforce refused the connected app's clientId or clientSecret (\(failure.error)): \(said).", details: details)
        case "rate_limit_exceeded":
            return ErrorDocument(
                code: ErrorDocument.Code.rateLimited, message: "Salesforce is rate limiting \(what): \(said).", details: details, retryAfter: 60)
        default:
            return ErrorDocument(
                code: ErrorDocument.Code.invalidInput, message: "Salesforce refused \(what) (\(failure.error)): \(said).", details: details)
        }
    }
}
