import ConnectorSDK

/// Reads the timestamp forms `AtlassianTimestamp(parsing:)` accepts.
struct TimestampParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func parse() -> AtlassianTimestamp? {
        guard let year = number(4), literal("-"), let month = number(2), literal("-"), let day = number(2) else { return nil }
        guard literal("T") || literal("t") || literal(" "), let hour = number(2), literal(":"), let minute = number(2) else { return nil }
        var second = 0
        var milliseconds = 0
        if literal(":") {
            guard let value = number(2) else { return nil }
            second = value
            if literal(".") || literal(",") {
                // Keep milliseconds; finer digits are truncated, never rounded into the next second.
                var digits = 0
                while index < bytes.count, let digit = digitAt(index) {
                    if digits < 3 { milliseconds = milliseconds * 10 + digit }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 3) { milliseconds *= 10 }
            }
        }
        guard let offset = offsetSeconds(), index == bytes.count else { return nil }
        let fields = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, milliseconds: milliseconds)
        guard fields.isValid else { return nil }
        return AtlassianTimestamp(epochMilliseconds: fields.epochMilliseconds(offsetSeconds: offset), offsetSeconds: offset)
    }

    /// `Z`, `±HH:mm`, `±HHmm` or `±HH`.
    private mutating func offsetSeconds() -> Int? {
        if literal("Z") || literal("z") { return 0 }
        let sign: Int
        if literal("+") { sign = 1 } else if literal("-") { sign = -1 } else { return nil }
        guard let hours = number(2), hours <= 23 else { return nil }
        var minutes = 0
        if index < bytes.count {
            _ = literal(":")
            guard let value = number(2), value <= 59 else { return nil }
            minutes = value
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    private mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<width {
            guard let digit = digitAt(index + offset) else { return nil }
            value = value * 10 + digit
        }
        index += width
        return value
    }

    private func digitAt(_ position: Int) -> Int? {
        let byte = bytes[position]
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private mutating func literal(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
