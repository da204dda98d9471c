import COpenSSL

/// Thin wrappers over the libcrypto calls Fernet needs. Each wrapper borrows its buffers for
/// the duration of the call only and leaves OpenSSL's per-thread error queue empty.
///
/// The queue matters because the host shares libcrypto with libcurl: an error left behind by a
/// failed decryption here would be read later by an unrelated TLS call on the same thread.
enum LibCrypto {
    /// Overwrites `buffer` with zeros; unlike a plain loop, the compiler may not remove it.
    static func cleanse(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        OPENSSL_cleanse(base, buffer.count)
    }

    /// True when `a` and `b` hold the same bytes, in time that depends only on their length,
    /// so a forger cannot learn how many leading bytes of a MAC were right.
    static func constantTimeEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0
    }

    /// Fills `buffer` from OpenSSL's CSPRNG.
    ///
    /// Traps on failure: without random bytes there is no safe key or IV to hand out, and
    /// OpenSSL 3 on Linux only fails here when the kernel cannot seed it at all.
    static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 else {
            fatalError("TokenEncryption: RAND_bytes failed (\(drainErrors())); refusing to continue without randomness")
        }
    }

    /// The oldest queued OpenSSL error as text, after which the queue is emptied.
    static func drainErrors() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "no OpenSSL error queued" }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
