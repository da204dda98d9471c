import Foundation

/// Timestamps the way Atlassian products write them, from milliseconds
/// since the epoch (the stand-ins keep times as integers, so no rounding
/// ever moves one across a millisecond).
public enum AtlassianTime {
    /// Jira: `2024-03-01T05:00:12.345-0500`, in the caller's time zone.
    public static func jira(_ millis: Int64, timeZone identifier: String) -> String {
        let zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        return wallClock(millis, offsetSeconds: offset) + sign + pad(magnitude / 60, 2) + pad(magnitude % 60, 2)
    }

    /// Confluence: `2024-05-01T12:30:00.000Z`.
    public static func confluence(_ millis: Int64) -> String {
        wallClock(millis, offsetSeconds: 0) + "Z"
    }

    /// Milliseconds of a wall-clock minute in a time zone (how JQL reads `yyyy/MM/dd HH:mm`).
    public static func millis(year: Int, month: Int, day: Int, hour: Int, minute: Int, timeZone identifier: String) -> Int64? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) else { return nil }
        return Int64(date.timeIntervalSince1970) * 1000
    }

    /// Now, in milliseconds.
    public static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    private static func wallClock(_ millis: Int64, offsetSeconds: Int) -> String {
        let seconds = Int64((Double(millis) / 1000).rounded(.down))
        let fraction = Int(millis - seconds * 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let fields = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds + Int64(offsetSeconds))))
        return "\(pad(fields.year!, 4))-\(pad(fields.month!, 2))-\(pad(fields.day!, 2))T\(pad(fields.hour!, 2)):\(pad(fields.minute!, 2)):"
            + "\(pad(fields.second!, 2)).\(pad(fraction, 3))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
