import CCurl
import HostLogging

/// A request that passed every check and is ready to hand to curl, attempt after attempt.
struct PreparedRequest: Sendable {
    let method: String
    let url: String
    /// `Name: value` lines for `CURLOPT_HTTPHEADER`, including the ones that switch off curl defaults.
    let headerLines: [String]
    /// The bytes are always kept, so every method can be resent after a `Retry-After`.
    let body: [UInt8]
    let sendsBody: Bool
    let timeout: Duration
    /// The URL with user info and secret query values masked: the only form that is logged.
    let redactedURL: String

    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]

    /// Checks `request` before curl sees it. Failures are `.refused` and never echo
    /// header values or the URL, which may carry credentials.
    static func prepare(_ request: EgressRequest, configuration: EgressConfiguration) -> Result<PreparedRequest, EgressError> {
        let method = request.method.uppercased()
        guard methods.contains(method) else {
            return .failure(.refused("method '\(request.method.prefix(16))' is not one of GET, POST, PUT, PATCH, DELETE, HEAD"))
        }
        if let problem = URLCheck.problem(with: request.url) { return .failure(.refused(problem)) }
        if method == "HEAD" && !request.body.isEmpty { return .failure(.refused("a HEAD request cannot carry a body")) }
        let timeout = request.timeout ?? configuration.defaultTimeout
        guard timeout > .zero else { return .failure(.refused("the timeout must be positive")) }

        var lines: [String] = []
        var given: Set<String> = []
        for header in request.headers {
            guard isToken(header.name) else { return .failure(.refused("header name '\(header.name.prefix(64))' is not a valid token")) }
            guard isFieldValue(header.value) else {
                return .failure(.refused("header '\(header.name)' has a value with control characters"))
            }
            let lowered = header.name.lowercased()
            // curl computes Content-Length from the body; a different one from the caller would corrupt the stream.
            if lowered == "content-length" { continue }
            given.insert(lowered)
            // "Name:" would tell curl to remove its own header; "Name;" is curl's spelling of an empty value.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        // Without these, curl adds "Expect: 100-continue" to large bodies (a one-second stall with
        // servers that ignore it) and "Content-Type: application/x-www-form-urlencoded" to every body.
        if !given.contains("expect") { lines.append("Expect:") }
        if !given.contains("content-type") { lines.append("Content-Type:") }
        if !given.contains("user-agent") { lines.append("User-Agent: \(configuration.userAgent)") }

        return .success(
            PreparedRequest(
                method: method, url: request.url, headerLines: lines, body: request.body,
                // PUT and PATCH announce an empty body (Content-Length: 0) like POST; some servers answer 411 otherwise.
                sendsBody: !request.body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH",
                timeout: timeout, redactedURL: SecretRedaction.redactURL(request.url)))
    }

    /// RFC 9110 token characters.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
    }

    /// No CR, LF, NUL or other control characters except tab: they would let a value inject headers.
    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }
}
