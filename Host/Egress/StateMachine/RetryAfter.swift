import CCurl

/// Reads a `Retry-After` value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date.
enum RetryAfter {
    /// How long the server asks us to wait, or `nil` when `value` is neither form.
    /// A date in the past means "now" (zero). `now` is wall-clock seconds since 1970,
    /// passed in so the function stays pure.
    static func delay(_ value: String, now: Int) -> Duration? {
        let trimmed = value.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // An absurdly long number is still "too long to wait", not garbage.
            return .seconds(Int64(trimmed) ?? Int64.max)
        }
        // curl_getdate understands all three HTTP-date forms (IMF-fixdate, RFC 850, asctime)
        // and touches no shared state.
        let date = Int(curl_getdate(trimmed, nil))
        guard date >= 0 else { return nil }
        return .seconds(max(0, date - now))
    }
}

extension String {
    /// `self` without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
