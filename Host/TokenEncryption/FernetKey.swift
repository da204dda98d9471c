/// A Fernet key: 16 bytes that sign (HMAC-SHA256) followed by 16 bytes that encrypt (AES-128).
///
/// The bytes live in one wiped-on-release allocation shared by all copies of the value.
/// `description`, `debugDescription` and reflection never show them; use `base64URL` on
/// purpose when the key itself must be written somewhere.
public struct FernetKey: Sendable {
    /// Length of a key in bytes.
    static let byteCount = 32

    let secret: SecretBytes

    /// Reads a key in the form `Fernet.generate_key()` writes: 32 bytes as padded URL-safe
    /// base64 (44 characters ending in `=`).
    ///
    /// Standard base64 (`+`, `/`), missing padding and surrounding whitespace are refused; see
    /// `Base64URL`. The error never repeats the text it was given.
    public init(base64URL: String) throws(TokenEncryptionError) {
        guard var bytes = Base64URL.decode(base64URL) else {
            throw TokenEncryptionError(.invalidKey, "key is not 32 bytes of URL-safe base64")
        }
        defer { bytes.wipe() }
        guard bytes.count == Self.byteCount else {
            throw TokenEncryptionError(.invalidKey, "key is not 32 bytes of URL-safe base64")
        }
        secret = SecretBytes(count: Self.byteCount) { storage in
            bytes.withUnsafeBytes { storage.copyMemory(from: $0) }
        }
    }

    private init(secret: SecretBytes) {
        self.secret = secret
    }

    /// A new key from OpenSSL's CSPRNG.
    public static func generate() -> FernetKey {
        FernetKey(secret: SecretBytes(count: byteCount) { LibCrypto.fillRandom($0) })
    }

    /// The key as padded URL-safe base64, the form `init(base64URL:)` reads and
    /// `ENCRYPTION_KEY` holds. This is the secret itself: never log it.
    public var base64URL: String {
        secret.withUnsafeBytes { Base64URL.encode($0) }
    }

    /// Lends the HMAC-SHA256 half (the first 16 bytes).
    func withSigningKey<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        secret.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<16])) }
    }

    /// Lends the AES-128 half (the last 16 bytes).
    func withEncryptionKey<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try secret.withUnsafeBytes { (bytes) throws(E) -> R in try body(UnsafeRawBufferPointer(rebasing: bytes[16..<32])) }
    }
}

extension FernetKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `FernetKey(redacted)`: the key never appears in logs, errors or `print`.
    public var description: String { "FernetKey(redacted)" }
    /// Same as `description`.
    public var debugDescription: String { description }
    /// No children, so `dump` and other mirrors have nothing to show.
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
