import ConnectorSDK

/// What a refusal from the token endpoint means for the caller.
enum TokenRefusal {
    /// `invalid_grant` for a refused code or refresh token (reconnect),
    /// `not_configured` for a refused client (the operator's settings), and
    /// `invalid_input` for anything else Atlassian calls malformed. Atlassian's
    /// own description is kept, with any secret of the request masked.
    static func error(for refusal: TokenErrorResponse, status: Int, secrets: [String]) -> ErrorDocument {
        var description = refusal.errorDescription ?? refusal.error
        for secret in secrets where !secret.isEmpty { description = description.replacing(secret, with: "***") }
        let details: JSONValue = ["providerStatus": .number(Double(status)), "providerError": .string(refusal.error)]
        switch refusal.error {
        case "invalid_grant":
            return ErrorDocument(code: "invalid_grant", message: "Atlassian refused the grant: \(description)", details: details)
        case "invalid_client", "unauthorized_client":
            return clientRefused(description, details)
        case "access_denied" where status == 401:
            // Atlassian's answer to a wrong client secret.
            return clientRefused(description, details)
        default:
            return ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "Atlassian refused the token request: \(description)", details: details)
        }
    }

    private static func clientRefused(_ description: String, _ details: JSONValue) -> ErrorDocument {
        ErrorDocument(
            code: ErrorDocument.Code.notConfigured,
            message: "Atlassian refused the OAuth client (\(description)); check the clientId and clientSecret settings.", details: details)
    }
}
