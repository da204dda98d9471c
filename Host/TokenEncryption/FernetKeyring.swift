#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Several Fernet keys for rotation: the first (the primary) encrypts, all of them decrypt.
///
/// `ENCRYPTION_KEY` may hold several comma-separated keys. To rotate, put a new key first,
/// keep the old ones after it, re-encrypt stored tokens with `reencrypt(_:now:)` (skipping
/// those for which `isEncryptedWithPrimary` is true), then drop the old keys.
public struct FernetKeyring: Sendable {
    /// All keys, primary first.
    public let keys: [FernetKey]

    /// A keyring whose first key is the primary. Throws `emptyKeyring` for an empty list.
    public init(keys: [FernetKey]) throws(TokenEncryptionError) {
        guard !keys.isEmpty else {
            throw TokenEncryptionError(.emptyKeyring, "no encryption keys given; expected one or more Fernet keys")
        }
        self.keys = keys
    }

    /// Reads the value of `ENCRYPTION_KEY`: one or more keys separated by commas, the primary
    /// first. Whitespace around each key (including a trailing newline) is ignored.
    ///
    /// Errors name the position of the bad key ("key 2 of 3 is not 32 bytes of URL-safe
    /// base64"), never its text.
    public init(environmentValue: String) throws(TokenEncryptionError) {
        let pieces = environmentValue.split(separator: ",", omittingEmptySubsequences: false).map(Self.trimmed)
        guard pieces.contains(where: { !$0.isEmpty }) else {
            throw TokenEncryptionError(.emptyKeyring, "ENCRYPTION_KEY holds no keys; expected one or more comma-separated Fernet keys")
        }
        var keys: [FernetKey] = []
        for (index, piece) in pieces.enumerated() {
            let position = "key \(index + 1) of \(pieces.count)"
            guard !piece.isEmpty else {
                throw TokenEncryptionError(.invalidKey, "\(position) is empty (check for a stray comma)")
            }
            do {
                keys.append(try FernetKey(base64URL: String(piece)))
            } catch {
                throw TokenEncryptionError(.invalidKey, "\(position) is not 32 bytes of URL-safe base64")
            }
        }
        try self.init(keys: keys)
    }

    /// The key that encrypts.
    public var primary: FernetKey { keys[0] }

    /// A token for `plaintext` made with the primary key.
    public func encrypt(_ plaintext: [UInt8], now: Date = Date()) -> String {
        Fernet(key: primary).encrypt(plaintext, now: now)
    }

    /// The plaintext of `token`, made with any key of the ring. Same checks and error codes
    /// as `Fernet.decrypt`; `signatureMismatch` means no key of the ring made the token.
    public func decrypt(_ token: String, ttl: Duration? = nil, now: Date = Date()) throws(TokenEncryptionError) -> [UInt8] {
        let parsed = try FernetToken(parsing: token)
        guard let key = keys.first(where: { parsed.isSigned(by: $0) }) else {
            throw TokenEncryptionError(.signatureMismatch, "token was not made with any configured key or has been altered")
        }
        try parsed.checkAge(ttl: ttl, now: now)
        return try parsed.plaintext(using: key)
    }

    /// True when `token` carries a valid HMAC under the primary key, so re-encrypting it would
    /// change nothing. Does not decrypt; false for anything malformed.
    public func isEncryptedWithPrimary(_ token: String) -> Bool {
        guard let parsed = try? FernetToken(parsing: token) else { return false }
        return parsed.isSigned(by: primary)
    }

    /// Decrypts `token` with whichever key made it (no ttl) and encrypts the plaintext again
    /// with the primary key, stamped with `now`.
    ///
    /// Unlike Python's `MultiFernet.rotate`, which keeps the original timestamp, the new token
    /// carries `now`: stored credentials are read without a ttl, so the stamp records when
    /// the value was last sealed.
    public func reencrypt(_ token: String, now: Date = Date()) throws(TokenEncryptionError) -> String {
        var plaintext = try decrypt(token)
        defer { plaintext.wipe() }
        return encrypt(plaintext, now: now)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return text[start..<end]
    }
}

extension FernetKeyring: CustomStringConvertible {
    /// `FernetKeyring(3 keys)`: how many, never which.
    public var description: String { "FernetKeyring(\(keys.count) key\(keys.count == 1 ? "" : "s"))" }
}
