import CCurl
import HostLogging

/// Turns a finished curl transfer's `CURLcode` into the module's error kinds.
enum CurlResultMapping {
    /// The error for a transfer that ended with `code`. `detail` is curl's error
    /// buffer (may be empty); `bodyLimitHit` says our write callback stopped the
    /// transfer because the body grew past the limit.
    static func error(
        for code: CURLcode, detail: String, bodyLimitHit: Bool, request: PreparedRequest, configuration: EgressConfiguration
    ) -> EgressError {
        if bodyLimitHit || code == CURLE_FILESIZE_EXCEEDED { return .oversize(limit: configuration.maxResponseBytes) }
        let text = ErrorText.sanitize(detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail, url: request.url)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            // curl's text says which phase ran out (connect or transfer); the total is ours.
            var error = EgressError.timedOut(after: request.timeout)
            if !detail.isEmpty { error.message += " (\(text))" }
            return error
        case _ where connectCodes.contains(code.rawValue):
            return EgressError(kind: .connectFailed, message: text)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .refused(text)
        default:
            return EgressError(kind: .failed, message: text)
        }
    }

    /// DNS, TCP and TLS failures: nothing reached the server's HTTP layer.
    private static let connectCodes: Set<CURLcode.RawValue> = [
        CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR,
        CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
        CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_ENGINE_NOTFOUND,
    ].reduce(into: []) { $0.insert($1.rawValue) }
}

/// Keeps credentials out of error messages built from curl's text.
enum ErrorText {
    /// `text` with the URL replaced by its redacted form, any user info, query string
    /// or secret query value that appears on its own masked, then the usual secret masking.
    static func sanitize(_ text: String, url: String) -> String {
        var result = text.trimmingASCIIWhitespace()
        if result.contains(url) { result = result.replacing(url, with: SecretRedaction.redactURL(url)) }
        for fragment in secretFragments(of: url) where result.contains(fragment) {
            result = result.replacing(fragment, with: SecretRedaction.mask)
        }
        return SecretRedaction.redact(result)
    }

    /// Parts of a URL that may hold credentials: user info, the query, each query value.
    /// Fragments shorter than 4 characters are skipped so digits in curl's text survive.
    static func secretFragments(of url: String) -> [String] {
        var fragments: [String] = []
        if let schemeEnd = url.firstRange(of: "://") {
            let rest = url[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                let userInfo = rest[..<at]
                fragments.append(String(userInfo))
                if let colon = userInfo.firstIndex(of: ":") { fragments.append(String(userInfo[userInfo.index(after: colon)...])) }
            }
        }
        if let question = url.firstIndex(of: "?") {
            let query = url[url.index(after: question)...].prefix { $0 != "#" }
            fragments.append(String(query))
            for pair in query.split(separator: "&") {
                if let equals = pair.firstIndex(of: "=") { fragments.append(String(pair[pair.index(after: equals)...])) }
            }
        }
        // Longest first, so a whole query is masked before its parts.
        return fragments.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }
}
