#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Fernet symmetric encryption (https://github.com/fernet/spec) with one key: AES-128-CBC
/// with PKCS #7 padding, authenticated by HMAC-SHA256, written as padded URL-safe base64.
///
/// Tokens are byte-for-byte those of Python `cryptography`'s `Fernet` for the same key, IV and
/// time, so either side can read what the other wrote. Use `FernetKeyring` where keys rotate.
public struct Fernet: Sendable {
    /// The key this instance signs, encrypts, verifies and decrypts with.
    public let key: FernetKey

    /// Encrypts and decrypts with `key`.
    public init(key: FernetKey) {
        self.key = key
    }

    /// A token for `plaintext`, stamped with `now` and a fresh random IV.
    public func encrypt(_ plaintext: [UInt8], now: Date = Date()) -> String {
        var iv = [UInt8](repeating: 0, count: LibCrypto.aesBlockCount)
        iv.withUnsafeMutableBytes { LibCrypto.fillRandom($0) }
        return encrypt(plaintext, now: now, iv: iv)
    }

    /// A token for `plaintext` with a caller-chosen IV, for the spec's test vectors and
    /// comparisons with other implementations. Never reuse an IV in production: call
    /// `encrypt(_:now:)`. Traps unless `iv` is 16 bytes.
    ///
    /// `now` is stored as whole seconds since 1970, rounded down; dates before 1970 are stored as 0.
    public func encrypt(_ plaintext: [UInt8], now: Date, iv: [UInt8]) -> String {
        precondition(iv.count == LibCrypto.aesBlockCount, "a Fernet IV is 16 bytes, got \(iv.count)")
        return iv.withUnsafeBytes { iv in
            FernetToken.seal(plaintext, timestamp: FernetToken.seconds(since1970: now), iv: iv, key: key)
        }
    }

    /// The plaintext of `token`, if `key` made it and it is still acceptable.
    ///
    /// Checks in this order: structure (base64, version 0x80, length) → `invalidToken`;
    /// HMAC in constant time → `signatureMismatch`; then, only when `ttl` is given, age →
    /// `expired` and timestamp more than 60 s ahead of `now` → `timestampInFuture`; finally
    /// padding → `invalidPadding`. The HMAC comes before the clock (the spec lists the ttl
    /// first) so that every answer other than "malformed" or "not ours" is about a token this
    /// key really made; the outcome, refuse or accept, is the same as the spec's order.
    public func decrypt(_ token: String, ttl: Duration? = nil, now: Date = Date()) throws(TokenEncryptionError) -> [UInt8] {
        let parsed = try FernetToken(parsing: token)
        guard parsed.isSigned(by: key) else {
            throw TokenEncryptionError(.signatureMismatch, "token was not made with this key or has been altered")
        }
        try parsed.checkAge(ttl: ttl, now: now)
        return try parsed.plaintext(using: key)
    }

    /// When `token` says it was made, without verifying it: only for display and metrics,
    /// never for decisions. Throws `invalidToken` when it is not structurally a Fernet token.
    public static func unverifiedTimestamp(of token: String) throws(TokenEncryptionError) -> Date {
        Date(timeIntervalSince1970: TimeInterval(try FernetToken(parsing: token).timestamp))
    }
}

extension Fernet: CustomStringConvertible {
    /// `Fernet(key: FernetKey(redacted))`.
    public var description: String { "Fernet(key: \(key))" }
}
