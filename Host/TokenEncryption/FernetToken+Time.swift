#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FernetToken {
    /// How far in the future a token's timestamp may be, for clocks that disagree (the spec's
    /// and `cryptography`'s value).
    static let maxClockSkew: UInt64 = 60

    /// `date` as whole seconds since 1970, rounded down like Python's `int(time.time())`.
    /// Dates before 1970 become 0 and dates past the 64-bit range its maximum: the field is
    /// unsigned, and `encrypt` promises not to fail.
    static func seconds(since1970 date: Date) -> UInt64 {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval >= 0 else { return 0 }  // also catches NaN
        guard interval < 18_446_744_073_709_551_616.0 else { return .max }
        return UInt64(interval)
    }

    /// Applies the spec's age rules when the caller gave a `ttl`: the token may be at most
    /// `ttl` old and at most 60 seconds in the future.
    ///
    /// Without a `ttl` the timestamp is not checked at all, as in `cryptography` and
    /// fernet-go. Stored credentials have no age limit, and a server whose clock stepped
    /// backwards must still be able to read what it wrote.
    func checkAge(ttl: Duration?, now: Date) throws(TokenEncryptionError) {
        guard let ttl else { return }
        let current = Self.seconds(since1970: now)
        let issued = timestamp
        if issued > current {
            guard issued - current <= Self.maxClockSkew else {
                throw TokenEncryptionError(
                    .timestampInFuture, "token timestamp is more than \(Self.maxClockSkew) seconds in the future")
            }
            return
        }
        let age = current - issued
        // Ages past Int64.max seconds only come from absurd `now` values; they count as expired.
        guard age <= UInt64(Int64.max), Duration.seconds(Int64(age)) <= ttl else {
            throw TokenEncryptionError(.expired, "token is older than the allowed ttl of \(ttl)")
        }
    }
}
