import COpenSSL

extension LibCrypto {
    /// Length of an HMAC-SHA256 tag.
    static let hmacSHA256Count = 32

    /// Writes HMAC-SHA256(`key`, `data`) into `tag`, which must hold 32 bytes.
    ///
    /// Uses the one-shot `HMAC()`: it is not deprecated in OpenSSL 3 (only `HMAC_CTX` is) and
    /// needs no context to manage. Traps if libcrypto fails, which only happens when it cannot
    /// allocate; callers would have no meaningful way to continue.
    static func hmacSHA256(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, into tag: UnsafeMutableRawBufferPointer) {
        precondition(tag.count == hmacSHA256Count, "HMAC-SHA256 tag buffer must hold 32 bytes")
        precondition(data.baseAddress != nil, "Fernet always signs at least the 25-byte header")
        var tagLength: UInt32 = 0
        let result = HMAC(
            EVP_sha256(), key.baseAddress, Int32(key.count),
            data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count,
            tag.baseAddress?.assumingMemoryBound(to: UInt8.self), &tagLength)
        guard result != nil, tagLength == hmacSHA256Count else {
            fatalError("TokenEncryption: HMAC-SHA256 failed (\(drainErrors()))")
        }
    }
}
