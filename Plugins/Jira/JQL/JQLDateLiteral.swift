import AtlassianCloud

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `yyyy/MM/dd HH:mm`, the JQL form of an instant. Jira reads it in the
/// searching user's time zone and to the minute, so the literal is the
/// user's wall-clock minute at or before the instant: the query may return
/// a little more than asked (callers skip that), never less.
struct JQLDateLiteral: Sendable, Equatable {
    let text: String

    static let epoch = JQLDateLiteral(text: "1970/01/01 00:00")

    private init(text: String) {
        self.text = text
    }

    /// The literal for `instant` in `timeZone` (a tz database name from the
    /// user's profile). Without a usable zone it assumes the westernmost
    /// offset, UTC-12, which reads earliest in every zone.
    init(_ instant: AtlassianTimestamp, timeZone identifier: String?) {
        let offset: Int
        if let identifier, let zone = TimeZone(identifier: identifier) {
            // Around a daylight-saving change Jira may read the wall time with
            // either offset; the smaller one gives the earlier wall time.
            offset = min(zone.secondsFromGMT(for: instant.date), zone.secondsFromGMT(for: instant.date.addingTimeInterval(-3 * 3600)))
        } else {
            offset = -12 * 3600
        }
        text = instant.civil(atOffset: offset).dateAndTime(dateSeparator: "/", timeSeparator: " ", withSeconds: false)
    }
}
