import ConnectorSDK

/// HMAC-SHA-256 (RFC 2104) and a constant-time comparison for checking MACs.
public enum HMACSHA256 {
    /// The 32-byte MAC of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        // Keys longer than a block are hashed first; shorter ones are zero-padded.
        var block = key.count > SHA256.blockByteCount ? SHA256.hash(key) : Array(key)
        block += [UInt8](repeating: 0, count: SHA256.blockByteCount - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// True when `expected` and `actual` are equal, taking the same time
    /// whatever the position of the first difference, so a forger learns
    /// nothing from how fast a wrong signature is refused.
    public static func constantTimeEquals(_ expected: [UInt8], _ actual: [UInt8]) -> Bool {
        guard expected.count == actual.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ actual[index] }
        return difference == 0
    }
}
