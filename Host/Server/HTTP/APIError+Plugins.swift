import ConnectorModel
import HTTPTypes
import PluginRuntime
import Store

extension APIError {
    /// How a failed plugin call reaches the client. A plugin's own error keeps
    /// its code; the status says whose fault it is: the client's request (400,
    /// 404, 409, 429, 501), the account's rights at the provider (403), or the
    /// provider's side (502, and 504 for timeouts).
    init(_ error: PluginCallError) {
        switch error {
        case .unknownConnector(let id):
            self = .notFound("connector", id)
        case .timedOut(let connector, let operation, let after):
            self.init(
                .gatewayTimeout, code: "plugin_timeout",
                "The \(connector) connector did not finish \(operation) within \(after.components.seconds) s.",
                details: ["connector": .string(connector), "operation": .string(operation)])
        case .cancelled:
            self.init(.serviceUnavailable, code: "call_cancelled", "The call was cancelled before it finished.")
        case .contractViolation(let connector, let problem):
            self.init(
                .badGateway, code: "plugin_contract_violation", "The \(connector) connector broke the plugin contract: \(problem)",
                details: ["connector": .string(connector)])
        case .failed(let document):
            self.init(pluginError: document)
        }
    }

    init(pluginError document: ErrorDocument) {
        let status: HTTPResponse.Status =
            switch document.code {
            case ErrorDocument.Code.invalidInput: .badRequest
            case ErrorDocument.Code.forbidden: .forbidden
            case ErrorDocument.Code.notFound: .notFound
            case ErrorDocument.Code.notConfigured, "needs_reauth": .conflict
            case ErrorDocument.Code.rateLimited: .tooManyRequests
            case ErrorDocument.Code.unsupportedOperation: .notImplemented
            case "upstream_timeout": .gatewayTimeout
            default: .badGateway
            }
        var details = document.details?.objectValue ?? [:]
        if let retryAfter = document.retryAfter { details["retryAfter"] = .number(Double(retryAfter)) }
        self.init(status, code: document.code, document.message, details: details.isEmpty ? document.details : .object(details))
        if let retryAfter = document.retryAfter { headers[.retryAfter] = String(retryAfter) }
    }

    /// A store failure: 503 while the database is unreachable, 409 on a taken key.
    init(_ error: StoreError) {
        switch error.kind {
        case .unavailable:
            self.init(.serviceUnavailable, code: "store_unavailable", "The database is unavailable; retry shortly.")
            headers[.retryAfter] = "5"
        case .conflict:
            self.init(.conflict, code: "conflict", "A record with the same key already exists.")
        case .corrupt:
            self.init(.internalServerError, code: "store_corrupt", "A stored record could not be read by this version of the host.")
        }
    }
}
