import Foundation

/// Salesforce record Ids: 15 case-sensitive characters (the key prefix first),
/// plus the three-character case-safe suffix REST responses carry.
enum SalesforceID {
    /// An 18-character Id; numbers grow with `number`, so Ids sort by creation.
    static func make(prefix: String, number: Int) -> String {
        let digits = String(number)
        let fifteen = prefix + "Dn" + String(repeating: "0", count: 10 - digits.count) + digits
        return fifteen + suffix(fifteen)
    }

    /// The case-safe suffix: per block of five characters, a bit for each upper-case letter.
    static func suffix(_ fifteen: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        let characters = Array(fifteen)
        return String(
            stride(from: 0, to: 15, by: 5).map { start in
                let bits = (0..<5).reduce(0) { bits, offset in
                    characters[start + offset].isUppercase && characters[start + offset].isLetter ? bits | (1 << offset) : bits
                }
                return alphabet[bits]
            })
    }

    /// Whether `text` has the shape of an Id: 15 or 18 letters and digits.
    static func isValid(_ text: String) -> Bool {
        (text.count == 15 || text.count == 18) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The 15-character form Salesforce compares by.
    static func fifteen(_ id: String) -> String {
        String(id.prefix(15))
    }
}

/// Instants as the REST API writes them: `2024-01-01T10:00:00.000+0000`.
public enum SalesforceTime {
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The REST API's dateTime format.
    public static func format(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let utc = formatter.string(from: date(milliseconds))
        return utc.hasSuffix("Z") ? String(utc.dropLast()) + "+0000" : utc
    }

    /// A SOQL dateTime literal or replication date: ISO 8601 with a zone, with or
    /// without fractional seconds.
    public static func parse(_ text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return milliseconds(date) }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text).map(milliseconds)
    }
}
