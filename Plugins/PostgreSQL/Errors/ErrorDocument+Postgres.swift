import ConnectorModel

extension ErrorDocument {
    /// The stable code for a statement cut off by `statement_timeout`. Not
    /// `upstream_unavailable`: the server is up, the statement was too slow,
    /// and retrying it unchanged will likely time out again.
    static let upstreamTimeout = "upstream_timeout"

    /// The one mapping from libpq and server failures to error documents.
    /// Every message passes `SecretScrubber` first; `details.sqlState` keeps
    /// the server's precise reason for machines.
    init(_ error: PostgresError, statementTimeoutMs: Int, secrets: [String]) {
        let reason = SecretScrubber.scrub(error.message, secrets)
        let details: JSONValue? = error.sqlState.map { ["sqlState": .string($0)] }
        switch error.code {
        case .connectionFailed:
            self = Self.connectFailure(reason)
        case .connectionLost:
            self.init(
                code: Code.upstreamUnavailable,
                message: "The connection to PostgreSQL was lost (\(reason)); the session was discarded, retry the call.", details: details)
        case .closed:
            self.init(code: Code.upstreamUnavailable, message: reason)
        default:
            self = Self.serverFailure(error.sqlState ?? "", reason, statementTimeoutMs: statementTimeoutMs, details: details)
        }
    }

    /// libpq reports connection failures as text only (no SQLSTATE before the
    /// session exists), so the server's English wording is matched. The test
    /// cluster and most servers run with English messages; anything
    /// unrecognized is reported as unavailable, with the server's words.
    private static func connectFailure(_ reason: String) -> ErrorDocument {
        let text = reason.lowercased()
        let unknownRole = text.contains("role \"") && text.contains("does not exist")
        if text.contains("authentication failed") || text.contains("no password supplied") || unknownRole {
            return ErrorDocument(code: Code.invalidCredentials, message: "PostgreSQL refused the user name or password: \(reason)")
        }
        if text.contains("database \"") && text.contains("does not exist") {
            return ErrorDocument(code: Code.notFound, message: "PostgreSQL has no such database: \(reason)")
        }
        if text.contains("permission denied") || text.contains("no pg_hba.conf entry") {
            return ErrorDocument(code: Code.forbidden, message: "PostgreSQL does not let this user connect: \(reason)")
        }
        return ErrorDocument(code: Code.upstreamUnavailable, message: "PostgreSQL could not be reached: \(reason)")
    }

    private static func serverFailure(_ sqlState: String, _ reason: String, statementTimeoutMs: Int, details: JSONValue?) -> ErrorDocument {
        switch sqlState {
        case "57014":
            return ErrorDocument(
                code: upstreamTimeout,
                message: "The query ran longer than the statement timeout (\(statementTimeoutMs) ms, setting statementTimeoutMs) and was cancelled.",
                details: details)
        case "42501":
            return ErrorDocument(code: Code.forbidden, message: "The PostgreSQL role lacks a privilege: \(reason)", details: details)
        case "42P01", "3F000", "42703", "3D000":
            return ErrorDocument(code: Code.notFound, message: "PostgreSQL has no such object: \(reason)", details: details)
        case _ where sqlState.hasPrefix("22"):
            return ErrorDocument(code: Code.invalidInput, message: "A value in the request does not fit its column: \(reason)", details: details)
        case _ where sqlState.hasPrefix("28"):
            return ErrorDocument(code: Code.invalidCredentials, message: "PostgreSQL refused the credentials: \(reason)", details: details)
        case _ where sqlState.hasPrefix("53") || sqlState.hasPrefix("57") || sqlState.hasPrefix("08"):
            return ErrorDocument(code: Code.upstreamUnavailable, message: "PostgreSQL cannot serve the request now: \(reason)", details: details)
        default:
            return ErrorDocument(code: Code.upstreamBadResponse, message: "PostgreSQL failed the query: \(reason)", details: details)
        }
    }
}
