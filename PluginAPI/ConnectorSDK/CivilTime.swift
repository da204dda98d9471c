/// Calendar fields of an instant at a fixed UTC offset (proleptic Gregorian),
/// computed without a calendar library so parsing and formatting behave the
/// same on every platform and keep every millisecond, which keyset paging on
/// provider timestamps depends on.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var milliseconds: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, milliseconds: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.milliseconds) = (hour, minute, second, milliseconds)
    }

    /// The wall-clock fields of `epochMilliseconds` at `offsetSeconds` east of UTC.
    public init(epochMilliseconds: Int64, offsetSeconds: Int) {
        let local = epochMilliseconds + Int64(offsetSeconds) * 1000
        let (days, millisOfDay) = Self.floorDivide(local, 86_400_000)
        let (year, month, day) = Self.civil(fromDays: Int(days))
        let millis = Int(millisOfDay)
        self.init(
            year: year, month: month, day: day, hour: millis / 3_600_000, minute: millis / 60_000 % 60, second: millis / 1000 % 60,
            milliseconds: millis % 1000)
    }

    /// The instant these fields name at `offsetSeconds` east of UTC.
    public func epochMilliseconds(offsetSeconds: Int) -> Int64 {
        let days = Int64(Self.days(fromCivil: year, month, day))
        let millisOfDay = Int64(((hour * 60 + minute) * 60 + second) * 1000 + milliseconds)
        return days * 86_400_000 + millisOfDay - Int64(offsetSeconds) * 1000
    }

    /// True when month, day and time are in range (February 29 only in leap years).
    public var isValid: Bool {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
            (0...999).contains(milliseconds), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// RFC 3339 in UTC with milliseconds: `2024-01-01T10:00:00.000Z`.
    public static func rfc3339(epochMilliseconds: Int64) -> String {
        let fields = CivilTime(epochMilliseconds: epochMilliseconds, offsetSeconds: 0)
        return fields.dateAndTime(dateSeparator: "-", withSeconds: true) + "." + fields.milliseconds.padded(3) + "Z"
    }

    /// `2024-05-01T12:30:05` (`dateSeparator` "-") or `2024/05/01 12:30` style pieces.
    public func dateAndTime(dateSeparator: String, timeSeparator: String = "T", withSeconds: Bool) -> String {
        let date = [year.padded(4), month.padded(2), day.padded(2)].joined(separator: dateSeparator)
        let time = hour.padded(2) + ":" + minute.padded(2) + (withSeconds ? ":" + second.padded(2) : "")
        return date + timeSeparator + time
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `days(fromCivil:)`.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }
}

extension Int {
    /// Zero-padded decimal of at least `width` digits.
    fileprivate func padded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
