/// The binary layout of a Fernet token, shared by `Fernet` and `FernetKeyring`:
///
///     version (1) ‖ timestamp (8, big-endian seconds) ‖ IV (16) ‖ ciphertext (16·n) ‖ HMAC (32)
///
/// The HMAC covers everything before it. Parsing checks only the structure, which needs no
/// key, so a keyring parses once and then tries each key's HMAC.
struct FernetToken {
    static let version: UInt8 = 0x80
    static let timestampOffset = 1
    static let ivOffset = 9
    static let ciphertextOffset = 25
    static let hmacCount = LibCrypto.hmacSHA256Count
    /// Header + one block of ciphertext (padding always adds one) + HMAC.
    static let minimumCount = ciphertextOffset + LibCrypto.aesBlockCount + hmacCount

    /// The decoded token. Public data: nothing here needs wiping.
    let bytes: [UInt8]

    /// When the token says it was made, in seconds since 1970.
    var timestamp: UInt64 {
        bytes[Self.timestampOffset..<Self.ivOffset].reduce(0) { $0 << 8 | UInt64($1) }
    }

    private var signedCount: Int { bytes.count - Self.hmacCount }

    /// Decodes `token` and checks its structure: base64, version byte, length.
    init(parsing token: String) throws(TokenEncryptionError) {
        guard let bytes = Base64URL.decode(token) else {
            throw TokenEncryptionError(.invalidToken, "token is not padded URL-safe base64")
        }
        guard let first = bytes.first else {
            throw TokenEncryptionError(.invalidToken, "token is empty")
        }
        guard first == Self.version else {
            throw TokenEncryptionError(.invalidToken, "token does not start with the Fernet version byte 0x80")
        }
        guard bytes.count >= Self.minimumCount else {
            throw TokenEncryptionError(.invalidToken, "token is too short to be a Fernet token")
        }
        guard (bytes.count - Self.ciphertextOffset - Self.hmacCount) % LibCrypto.aesBlockCount == 0 else {
            throw TokenEncryptionError(.invalidToken, "token ciphertext is not a whole number of 16-byte blocks")
        }
        self.bytes = bytes
    }

    /// True when the token's HMAC is the one `key` computes, compared in constant time.
    func isSigned(by key: FernetKey) -> Bool {
        var expected = [UInt8](repeating: 0, count: Self.hmacCount)
        bytes.withUnsafeBytes { all in
            expected.withUnsafeMutableBytes { tag in
                key.withSigningKey { signingKey in
                    LibCrypto.hmacSHA256(key: signingKey, data: UnsafeRawBufferPointer(rebasing: all[..<signedCount]), into: tag)
                }
            }
        }
        return bytes.withUnsafeBytes { all in
            expected.withUnsafeBytes { LibCrypto.constantTimeEqual(UnsafeRawBufferPointer(rebasing: all[signedCount...]), $0) }
        }
    }

    /// Decrypts and unpads the ciphertext. Call only after `isSigned(by: key)`: checking the
    /// HMAC first is what keeps the padding error from being a padding oracle.
    func plaintext(using key: FernetKey) throws(TokenEncryptionError) -> [UInt8] {
        let ciphertextRange = Self.ciphertextOffset..<signedCount
        var failure: TokenEncryptionError?
        let plaintext = [UInt8](unsafeUninitializedCapacity: ciphertextRange.count + LibCrypto.aesBlockCount) { output, count in
            let buffer = UnsafeMutableRawBufferPointer(output)
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            // Array.withUnsafeBytes only rethrows untyped errors, so carry the typed one in a Result.
            let result = bytes.withUnsafeBytes { all in
                key.withEncryptionKey { encryptionKey in
                    Result { () throws(TokenEncryptionError) -> Int in
                        try LibCrypto.aes128CBCDecrypt(
                            key: encryptionKey, iv: UnsafeRawBufferPointer(rebasing: all[Self.ivOffset..<Self.ciphertextOffset]),
                            ciphertext: UnsafeRawBufferPointer(rebasing: all[ciphertextRange]), into: buffer)
                    }
                }
            }
            switch result {
            case .success(let written):
                count = written
            case .failure(let error):
                // Blocks decrypted before the padding check failed are plaintext too.
                LibCrypto.cleanse(buffer)
                count = 0
                failure = error
            }
        }
        if let failure { throw failure }
        return plaintext
    }

    /// Builds and signs a token for `plaintext`, returned as padded URL-safe base64.
    static func seal(_ plaintext: [UInt8], timestamp: UInt64, iv: UnsafeRawBufferPointer, key: FernetKey) -> String {
        precondition(iv.count == LibCrypto.aesBlockCount, "a Fernet IV is 16 bytes")
        let ciphertextCount = LibCrypto.paddedCount(plaintext.count)
        let total = ciphertextOffset + ciphertextCount + hmacCount
        let token = [UInt8](unsafeUninitializedCapacity: total) { output, count in
            let buffer = UnsafeMutableRawBufferPointer(output)
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            buffer[0] = version
            for index in 0..<8 { buffer[timestampOffset + index] = UInt8(truncatingIfNeeded: timestamp >> (56 - 8 * index)) }
            UnsafeMutableRawBufferPointer(rebasing: buffer[ivOffset..<ciphertextOffset]).copyMemory(from: iv)
            let written = plaintext.withUnsafeBytes { source in
                key.withEncryptionKey { encryptionKey in
                    LibCrypto.aes128CBCEncrypt(
                        key: encryptionKey, iv: iv, plaintext: source,
                        into: UnsafeMutableRawBufferPointer(rebasing: buffer[ciphertextOffset..<(ciphertextOffset + ciphertextCount)]))
                }
            }
            precondition(written == ciphertextCount, "AES-128-CBC wrote \(written) bytes, expected \(ciphertextCount)")
            let signedCount = ciphertextOffset + ciphertextCount
            key.withSigningKey { signingKey in
                LibCrypto.hmacSHA256(
                    key: signingKey, data: UnsafeRawBufferPointer(rebasing: buffer[..<signedCount]),
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[signedCount...]))
            }
            count = total
        }
        return Base64URL.encode(token)
    }
}
