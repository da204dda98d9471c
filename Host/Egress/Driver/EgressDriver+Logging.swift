import HostLogging
import Logging

extension EgressDriver {
    /// One line per finished request: debug when a response arrived, info for
    /// transport failures and 429s, which an operator may want to see.
    ///
    /// Only the method, the redacted URL, the outcome and the caller's own metadata
    /// are logged: never header values (Authorization, cookies, API keys) or bodies,
    /// so nothing secret reaches the log handler even before it masks values.
    func logFinished(
        request: EgressRequest, url redactedURL: String, attempts: Int, startedAt: ContinuousClock.Instant,
        result: Result<EgressResponse, EgressError>
    ) {
        let level: Logger.Level
        let message: Logger.Message
        var metadata: Logger.Metadata = [:]
        switch result {
        case .success(let response):
            metadata["egress.status"] = .stringConvertible(response.status)
            level = response.status == 429 ? .info : .debug
            message = response.status == 429 ? "egress request rate limited" : "egress request finished"
        case .failure(let error):
            metadata["egress.error_kind"] = .string("\(error.kind)")
            metadata["egress.error"] = .string(error.message)
            level = error.kind == .cancelled ? .debug : .info
            message = error.kind == .cancelled ? "egress request cancelled" : "egress request failed"
        }
        // Redacting costs more than the request itself on a fast upstream: only for lines that are written.
        guard level >= logger.logLevel else { return }
        for (key, value) in request.logMetadata {
            metadata[key] = .string(SecretRedaction.isSensitiveKey(key) ? SecretRedaction.mask : SecretRedaction.redact(value))
        }
        metadata["egress.method"] = .string(request.method.uppercased())
        metadata["egress.url"] = .string(redactedURL)
        metadata["egress.attempts"] = .stringConvertible(attempts)
        metadata["egress.duration_ms"] = .stringConvertible(startedAt.duration(to: .now).wholeMilliseconds)
        logger.log(level: level, message, metadata: metadata)
    }
}
