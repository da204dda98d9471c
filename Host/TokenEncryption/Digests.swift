import COpenSSL

/// The digests, MACs and random values the host needs besides Fernet (PKCE
/// challenges, API key hashes, webhook signatures, OAuth state), on the same
/// libcrypto as everything else.
public enum Digests {
    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        guard ok == 1, length == 32 else { fatalError("TokenEncryption: EVP_Digest(SHA-256) failed (\(LibCrypto.drainErrors()))") }
        return digest
    }

    /// Lower-case hex of SHA-256, the form stored for API keys and CSRF tokens.
    public static func sha256Hex(_ text: String) -> String {
        sha256(Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// HMAC-SHA256 of `data` under `key`.
    public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: 32)
        key.withUnsafeBytes { key in
            data.withUnsafeBytes { data in
                tag.withUnsafeMutableBytes { tag in LibCrypto.hmacSHA256(key: key, data: data, into: tag) }
            }
        }
        return tag
    }

    /// `count` bytes from the CSPRNG as unpadded URL-safe base64 (RFC 4648 §5), e.g. for OAuth state.
    public static func randomToken(bytes count: Int = 32) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { LibCrypto.fillRandom($0) }
        return base64URLUnpadded(bytes)
    }

    /// Unpadded URL-safe base64, as PKCE (RFC 7636) and JWTs use it.
    public static func base64URLUnpadded(_ bytes: [UInt8]) -> String {
        var text = Base64URL.encode(bytes)
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// True when both byte strings are equal, in time that depends only on their length.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in LibCrypto.constantTimeEqual(a, b) } }
    }
}
