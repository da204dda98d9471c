import StandIns

/// The host's `X-Connector-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`,
/// checked with `openssl`, independently of the host's own HMAC.
enum ConnectorSignature {
    /// Whether `header` signs `body` with `secret`.
    static func verifies(_ header: String?, body: [UInt8], secret: String) async throws -> Bool {
        guard let header else { return false }
        var parts: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { parts[pair[0]] = pair[1] }
        }
        guard let timestamp = parts["t"], Int(timestamp) != nil, let signature = parts["v1"] else { return false }
        let expected = try await OpenSSLTool.hmacSHA256(Array("\(timestamp).".utf8) + body, key: Array(secret.utf8))
        return expected.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() == signature.lowercased()
    }
}
