import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An instant as Atlassian writes it, kept to the millisecond with the UTC
/// offset it was written in.
///
/// Jira writes `2021-01-17T12:34:00.000+0000` (offset without a colon, in
/// the caller's time zone), Confluence `2024-05-01T12:30:00.000Z`, clients
/// send RFC 3339. All of them parse here; `rfc3339` writes UTC with
/// milliseconds, the one form the connectors hand out.
public struct AtlassianTimestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let epochMilliseconds: Int64
    /// The offset the text carried, in seconds east of UTC (0 for `Z`).
    public let offsetSeconds: Int

    public init(epochMilliseconds: Int64, offsetSeconds: Int = 0) {
        self.epochMilliseconds = epochMilliseconds
        self.offsetSeconds = offsetSeconds
    }

    public init(_ date: Date) {
        self.init(epochMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Parses `yyyy-MM-ddTHH:mm[:ss[.fraction]]` followed by `Z`, `±HH:mm`,
    /// `±HHmm` or `±HH`; nil for anything else.
    public init?(parsing text: String) {
        var parser = TimestampParser(text)
        guard let parsed = parser.parse() else { return nil }
        self = parsed
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.epochMilliseconds < rhs.epochMilliseconds }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.epochMilliseconds == rhs.epochMilliseconds }

    public func hash(into hasher: inout Hasher) { hasher.combine(epochMilliseconds) }

    public var date: Date { Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000) }

    /// `2021-01-17T12:34:00.000Z`.
    public var rfc3339: String { CivilTime.rfc3339(epochMilliseconds: epochMilliseconds) }

    /// The wall-clock fields of this instant at `offsetSeconds` east of UTC.
    public func civil(atOffset offsetSeconds: Int) -> CivilTime {
        CivilTime(epochMilliseconds: epochMilliseconds, offsetSeconds: offsetSeconds)
    }

    /// Normalizes provider text to RFC 3339 UTC; nil when it does not parse.
    public static func normalize(_ text: String?) -> String? {
        text.flatMap(AtlassianTimestamp.init(parsing:))?.rfc3339
    }
}
