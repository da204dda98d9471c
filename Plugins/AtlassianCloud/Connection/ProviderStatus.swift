import ConnectorSDK

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Maps Atlassian's HTTP statuses to the unified errors, with the wait a
/// 429 asks for: `Retry-After` (seconds) first, else `X-RateLimit-Reset`
/// (an instant, as Jira sends it).
public enum ProviderStatus {
    /// The response itself when 2xx; otherwise the unified error.
    public static func check(_ response: HTTPResponse, what: String, now: Date) throws -> HTTPResponse {
        if response.isSuccess { return response }
        throw ErrorDocument(providerStatus: response.status, what: what, retryAfter: retryAfter(response, now: now))
    }

    /// Seconds to wait before retrying, when the response says.
    public static func retryAfter(_ response: HTTPResponse, now: Date) -> Int? {
        if let value = response.header("retry-after") {
            if let seconds = Int(value.filter { $0 != " " }) { return max(1, seconds) }
            if let instant = AtlassianTimestamp(parsing: value) { return secondsUntil(instant, now: now) }
        }
        if let reset = response.header("x-ratelimit-reset"), let instant = AtlassianTimestamp(parsing: reset) {
            return secondsUntil(instant, now: now)
        }
        return nil
    }

    private static func secondsUntil(_ instant: AtlassianTimestamp, now: Date) -> Int {
        max(1, Int((instant.date.timeIntervalSince(now)).rounded(.up)))
    }
}
