import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An instant to the millisecond, read from what Salesforce sends
/// (`2024-01-01T10:00:00.000+0000`) or from RFC 3339, and written in the forms
/// clients, SOQL and the replication resources expect.
///
/// Parsed by hand so the millisecond survives exactly: `SystemModstamp` ties are
/// broken by `Id`, so a timestamp that drifted by a rounding error would skip or
/// repeat records.
struct SalesforceDateTime: Comparable, Hashable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    let milliseconds: Int64

    init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    init(_ date: Date) {
        milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm|±hhmm)`; nil for anything else.
    init?(_ text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
            let day = scanner.number(2), scanner.skip("T") || scanner.skip("t"),
            let hour = scanner.number(2), scanner.skip(":"), let minute = scanner.number(2), scanner.skip(":"),
            let second = scanner.number(2),
            CivilTime(year: Int(year), month: Int(month), day: Int(day)).isValid, hour < 24, minute < 60, second < 61
        else { return nil }
        var millisecond: Int64 = 0
        if scanner.skip(".") {
            guard let fraction = scanner.fraction() else { return nil }
            millisecond = fraction
        }
        guard let offsetMinutes = scanner.zoneOffset(), scanner.atEnd else { return nil }
        let fields = CivilTime(
            year: Int(year), month: Int(month), day: Int(day), hour: Int(hour), minute: Int(minute), second: Int(second),
            milliseconds: Int(millisecond))
        milliseconds = fields.epochMilliseconds(offsetSeconds: Int(offsetMinutes) * 60)
    }

    /// RFC 3339 in UTC with milliseconds: `2024-01-01T10:00:00.000Z`.
    var rfc3339: String { CivilTime.rfc3339(epochMilliseconds: milliseconds) }

    /// A SOQL dateTime literal (written unquoted): SOQL takes ISO 8601 with a zone
    /// and keeps the milliseconds, which keyset paging on `SystemModstamp` needs.
    var soqlLiteral: String { rfc3339 }

    /// The `start`/`end` form of the replication resources (`…/deleted/`), as the
    /// REST API Developer Guide writes it: seconds, `+00:00`.
    var replicationParameter: String {
        CivilTime(epochMilliseconds: milliseconds, offsetSeconds: 0).dateAndTime(dateSeparator: "-", withSeconds: true) + "+00:00"
    }

    /// This instant moved by `seconds`.
    func adding(seconds: Int64) -> SalesforceDateTime {
        SalesforceDateTime(milliseconds: milliseconds + seconds * 1000)
    }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

/// Reads fixed-width digits and the separators between them.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func number(_ width: Int) -> Int64? {
        guard index + width <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + width] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        index += width
        return value
    }

    /// One or more fraction digits as milliseconds (digits beyond the third are dropped).
    mutating func fraction() -> Int64? {
        var digits: [Int64] = []
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            digits.append(Int64(bytes[index] - UInt8(ascii: "0")))
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        let padded = (digits + [0, 0, 0]).prefix(3)
        return padded.reduce(0) { $0 * 10 + $1 }
    }

    /// `Z`, `±hh:mm` or `±hhmm` as minutes east of UTC.
    mutating func zoneOffset() -> Int64? {
        if skip("Z") || skip("z") { return 0 }
        let sign: Int64
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(2) else { return nil }
        _ = skip(":")
        guard let minutes = number(2), hours < 24, minutes < 60 else { return nil }
        return sign * (hours * 60 + minutes)
    }
}
