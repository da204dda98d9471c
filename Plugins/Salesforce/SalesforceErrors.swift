import ConnectorSDK

/// One entry of the array the REST API answers failures with
/// (`[{"errorCode": "INVALID_SESSION_ID", "message": "Session expired or invalid"}]`).
struct SalesforceAPIError: Decodable, Sendable {
    let errorCode: String
    let message: String?
}

/// Maps REST API failures to the unified error codes.
enum SalesforceErrors {
    /// The unified error for a non-2xx answer to `what` (e.g. "the Account query").
    /// `secrets` are masked out of the provider's message before it is carried.
    static func document(for response: HTTPResponse, what: String, secrets: [String]) -> ErrorDocument {
        let entry = (try? response.decode([SalesforceAPIError].self))?.first
        guard let entry else {
            // No error array: the status alone decides, and an unexplained 400 is not the client's fault.
            var document = ErrorDocument(providerStatus: response.status, what: what)
            if response.status == 400 { document.code = ErrorDocument.Code.upstreamBadResponse }
            return document
        }
        let said = Redaction.mask(entry.message ?? "no message", secrets: secrets)
        let details: JSONValue = ["providerStatus": .number(Double(response.status)), "providerCode": .string(entry.errorCode)]
        let message = "Salesforce refused \(what): \(entry.errorCode): \(said)"
        switch (response.status, entry.errorCode) {
        case (401, _):
            return ErrorDocument(code: ErrorDocument.Code.authExpired, message: message, details: details)
        case (_, "REQUEST_LIMIT_EXCEEDED"), (429, _):
            return ErrorDocument(
                code: ErrorDocument.Code.rateLimited, message: message, details: details,
                retryAfter: response.header("retry-after").flatMap { Int($0) } ?? retryAfter(limitMessage: said))
        case (_, "INVALID_QUERY_LOCATOR"):
            return ErrorDocument(
                code: ErrorDocument.Code.invalidInput,
                message: "The cursor has expired (Salesforce keeps query cursors for about 15 minutes); list again from the start.",
                details: details)
        case (403, _):
            return ErrorDocument(code: ErrorDocument.Code.forbidden, message: message, details: details)
        case (404, _):
            return ErrorDocument(code: ErrorDocument.Code.notFound, message: message, details: details)
        case (400, _):
            // INVALID_FIELD, MALFORMED_QUERY, INVALID_TYPE, INVALID_QUERY_FILTER_OPERATOR...
            return ErrorDocument(code: ErrorDocument.Code.invalidInput, message: message, details: details)
        case (500...599, _):
            return ErrorDocument(code: ErrorDocument.Code.upstreamUnavailable, message: message, details: details)
        default:
            return ErrorDocument(code: ErrorDocument.Code.upstreamBadResponse, message: message, details: details)
        }
    }

    /// Salesforce sends no Retry-After. The concurrent long-request limit clears
    /// within seconds; the daily total is a rolling 24-hour window, so an hour is
    /// the earliest a retry is worth trying.
    static func retryAfter(limitMessage: String) -> Int {
        limitMessage.lowercased().contains("concurrent") ? 30 : 3600
    }
}

/// Removes secrets from text that came from outside before it is logged or returned.
enum Redaction {
    static func mask(_ text: String, secrets: [String]) -> String {
        var masked = text
        for secret in secrets where secret.count >= 4 {
            masked = masked.replacing(secret, with: "[redacted]")
        }
        return String(masked.prefix(500))
    }
}
