import COpenSSL

extension LibCrypto {
    /// AES block size, which is also the IV length and the PKCS #7 padding unit.
    static let aesBlockCount = 16
    /// AES-128 key length.
    static let aes128KeyCount = 16

    /// `EVP_*Update` take an `int` length; larger inputs are fed in slices of this size.
    private static let maxUpdateCount = 1 << 30

    /// AES-128-CBC with PKCS #7 padding. Writes the ciphertext into `output`, which must hold
    /// `paddedCount(plaintext.count)` bytes, and returns that count.
    ///
    /// Traps if libcrypto fails: with valid key and IV lengths that only happens when it
    /// cannot allocate, and `Fernet.encrypt` promises not to throw.
    static func aes128CBCEncrypt(
        key: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, plaintext: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) -> Int {
        precondition(key.count == aes128KeyCount && iv.count == aesBlockCount)
        precondition(output.count >= paddedCount(plaintext.count))
        do {
            return try withCipher(encrypting: true, key: key, iv: iv, input: plaintext, output: output)
        } catch {
            fatalError("TokenEncryption: AES-128-CBC encryption failed (\(error.message))")
        }
    }

    /// AES-128-CBC decryption that removes PKCS #7 padding. Writes the plaintext into `output`
    /// (at least `ciphertext.count` bytes) and returns its length.
    ///
    /// Throws `invalidPadding` when the last block does not end in valid padding, or
    /// `cryptoFailure` when libcrypto itself fails.
    static func aes128CBCDecrypt(
        key: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) throws(TokenEncryptionError) -> Int {
        precondition(key.count == aes128KeyCount && iv.count == aesBlockCount)
        precondition(output.count >= ciphertext.count + aesBlockCount)
        return try withCipher(encrypting: false, key: key, iv: iv, input: ciphertext, output: output)
    }

    /// Ciphertext length for `count` plaintext bytes: PKCS #7 always adds 1...16 bytes.
    static func paddedCount(_ count: Int) -> Int {
        (count / aesBlockCount + 1) * aesBlockCount
    }

    private static func withCipher(
        encrypting: Bool, key: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer,
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
    ) throws(TokenEncryptionError) -> Int {
        // EVP_CIPHER_CTX_free cleanses the expanded key schedule.
        guard let context = EVP_CIPHER_CTX_new() else {
            throw TokenEncryptionError(.cryptoFailure, "EVP_CIPHER_CTX_new failed: \(drainErrors())")
        }
        defer { EVP_CIPHER_CTX_free(context) }

        let keyPointer = key.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let ivPointer = iv.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard EVP_CipherInit_ex(context, EVP_aes_128_cbc(), nil, keyPointer, ivPointer, encrypting ? 1 : 0) == 1 else {
            throw TokenEncryptionError(.cryptoFailure, "EVP_CipherInit_ex failed: \(drainErrors())")
        }

        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var written = 0
        var consumed = 0
        while consumed < input.count {
            let slice = min(maxUpdateCount, input.count - consumed)
            var sliceWritten: Int32 = 0
            let source = input.baseAddress!.advanced(by: consumed).assumingMemoryBound(to: UInt8.self)
            guard EVP_CipherUpdate(context, out + written, &sliceWritten, source, Int32(slice)) == 1 else {
                throw TokenEncryptionError(.cryptoFailure, "EVP_CipherUpdate failed: \(drainErrors())")
            }
            written += Int(sliceWritten)
            consumed += slice
        }

        var finalWritten: Int32 = 0
        guard EVP_CipherFinal_ex(context, out + written, &finalWritten) == 1 else {
            guard !encrypting else {
                throw TokenEncryptionError(.cryptoFailure, "EVP_CipherFinal_ex failed: \(drainErrors())")
            }
            // Decrypting a whole number of blocks, Final fails only on bad padding.
            ERR_clear_error()
            throw TokenEncryptionError(.invalidPadding, "the decrypted token does not end in valid PKCS #7 padding")
        }
        return written + Int(finalWritten)
    }
}
