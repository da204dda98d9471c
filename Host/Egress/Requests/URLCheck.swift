import CCurl

/// Decides whether a URL may be handed to curl at all: absolute, well formed, http or https.
enum URLCheck {
    /// Why `url` is refused, or `nil` when it is fine. The message never repeats the URL.
    static func problem(with url: String) -> String? {
        guard let separator = url.firstRange(of: "://") else {
            return "malformed URL: not an absolute http(s) URL"
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            let shown = scheme.count <= 16 && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            return shown ? "unsupported URL scheme '\(scheme)': only http and https are allowed" : "malformed URL: bad scheme"
        }
        // curl's own parser, so "well formed" means exactly what curl will accept; it
        // rejects spaces, control characters, bad ports and missing hosts.
        guard let handle = curl_url() else { return "malformed URL: out of memory while parsing" }
        defer { curl_url_cleanup(handle) }
        let code = curl_url_set(handle, CURLUPART_URL, url, 0)
        guard code == CURLUE_OK else {
            return "malformed URL: " + String(cString: curl_url_strerror(code))
        }
        var host: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_HOST, &host, 0) == CURLUE_OK, let host else {
            return "malformed URL: no host"
        }
        defer { curl_free(host) }
        return host.pointee == 0 ? "malformed URL: no host" : nil
    }
}
