/// The string `format`s the validator checks. They are lenient where real
/// payloads differ from the letter of the RFC (see each check) but still
/// reject values that are plainly something else.
enum StringFormat: String, Sendable {
    case dateTime = "date-time"
    case date
    case uri
    case email
    case uuid

    /// True when `text` is a plausible value of this format.
    func accepts(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch self {
        case .dateTime: return DateTimeFormat.isDateTime(bytes)
        case .date: return DateTimeFormat.isFullDate(bytes[...])
        case .uri: return URIFormat.isURI(bytes)
        case .email: return EmailFormat.isEmail(text)
        case .uuid: return Self.isUUID(bytes)
        }
    }

    /// A short reminder of the expected shape, appended to failure messages.
    var hint: String {
        switch self {
        case .dateTime: " (expected RFC 3339, like 2024-05-01T12:30:00Z)"
        case .date: " (expected YYYY-MM-DD)"
        case .uri: " (expected an absolute URI with a scheme, like https://example.com/x)"
        case .email: ""
        case .uuid: " (expected 8-4-4-4-12 hex digits)"
        }
    }

    /// 8-4-4-4-12 hex digits in either case. The version and variant bits are
    /// not checked: systems hand out "UUIDs" that are only shaped like one.
    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !byte.isHexDigit {
                return false
            }
        }
        return true
    }
}
