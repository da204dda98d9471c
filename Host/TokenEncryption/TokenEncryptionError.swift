/// The one error type of the `TokenEncryption` module.
///
/// `message` is written for an operator and never contains key material, plaintext or the
/// token itself: errors end up in logs, and a log line must not become a second copy of a
/// secret. Only the HTTP layer decides what an error means for a response; this module just
/// says what went wrong through `code`.
public struct TokenEncryptionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is. Opaque so that new kinds can be added without breaking
    /// exhaustive `switch`es in other modules; compare with the static members.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidKey, emptyKeyring, invalidToken, signatureMismatch
            case invalidPadding, expired, timestampInFuture, cryptoFailure
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A key is not 32 bytes of padded URL-safe base64.
        public static let invalidKey = Code(.invalidKey)
        /// A keyring was given no keys at all.
        public static let emptyKeyring = Code(.emptyKeyring)
        /// The token is not a Fernet token: bad base64, wrong version byte, too short, or a
        /// ciphertext that is not a whole number of AES blocks.
        public static let invalidToken = Code(.invalidToken)
        /// The HMAC does not match: the token was made with another key, or was altered.
        public static let signatureMismatch = Code(.signatureMismatch)
        /// The HMAC matched but the decrypted data does not end in valid PKCS #7 padding.
        public static let invalidPadding = Code(.invalidPadding)
        /// The token is older than the `ttl` the caller allowed.
        public static let expired = Code(.expired)
        /// The token claims to be made more than 60 seconds in the future.
        public static let timestampInFuture = Code(.timestampInFuture)
        /// libcrypto itself failed (for example, out of memory); nothing about the token is known.
        public static let cryptoFailure = Code(.cryptoFailure)

        /// The code's name, e.g. `expired`.
        public var description: String { base.rawValue }
    }

    /// What went wrong, for programs.
    public let code: Code
    /// What went wrong, for people. Never contains a key, plaintext or token.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`, safe to log.
    public var description: String { "\(code): \(message)" }
}
