/// RFC 3339 `date-time` and `full-date`.
enum DateTimeFormat {
    /// `2024-05-01T12:30:00Z`, `2024-05-01T12:30:00.123+02:00`.
    ///
    /// Lenient in three ways real services need: `t`/`z` in lower case and a
    /// space instead of `T` (both allowed by RFC 3339 section 5.6's notes), and
    /// an offset without a colon (`+0000`), which is what Jira Cloud sends in
    /// every timestamp (`2021-01-17T12:34:00.000+0000`) and which its own spec
    /// labels `date-time`. Calendar and clock ranges are still checked.
    static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 20, isFullDate(bytes[0..<10]) else { return false }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]) else { return false }
        var rest = bytes[11...]
        guard let hour = twoDigits(&rest), hour <= 23, take(":", &rest),
            let minute = twoDigits(&rest), minute <= 59, take(":", &rest),
            let second = twoDigits(&rest), second <= 60  // 60: a leap second
        else { return false }
        if take(".", &rest) {
            let fraction = rest.prefix { $0.isDigit }.count
            guard fraction > 0 else { return false }
            rest = rest.dropFirst(fraction)
        }
        return isOffset(rest)
    }

    /// `YYYY-MM-DD` naming a real day (February 29 only in leap years).
    static func isFullDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        guard bytes.count == 10, let century = twoDigits(&rest), let yearInCentury = twoDigits(&rest), take("-", &rest),
            let month = twoDigits(&rest), take("-", &rest), let day = twoDigits(&rest)
        else { return false }
        let year = century * 100 + yearInCentury
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    private static func isOffset(_ rest: ArraySlice<UInt8>) -> Bool {
        var rest = rest
        if rest.count == 1, let only = rest.first { return only == UInt8(ascii: "Z") || only == UInt8(ascii: "z") }
        guard take("+", &rest) || take("-", &rest), let hours = twoDigits(&rest), hours <= 23 else { return false }
        _ = take(":", &rest)  // Optional: see the note on `isDateTime`.
        guard let minutes = twoDigits(&rest), minutes <= 59 else { return false }
        return rest.isEmpty
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func twoDigits(_ rest: inout ArraySlice<UInt8>) -> Int? {
        guard rest.count >= 2, let first = rest.first, first.isDigit, rest[rest.startIndex + 1].isDigit else { return nil }
        let value = Int(first - 0x30) * 10 + Int(rest[rest.startIndex + 1] - 0x30)
        rest = rest.dropFirst(2)
        return value
    }

    private static func take(_ character: Unicode.Scalar, _ rest: inout ArraySlice<UInt8>) -> Bool {
        guard rest.first == UInt8(ascii: character) else { return false }
        rest = rest.dropFirst()
        return true
    }
}
