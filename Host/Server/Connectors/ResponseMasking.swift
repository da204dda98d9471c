/// Masks secrets a plugin put into its answer. The host handed the plugin
/// decrypted secrets; a plugin that echoes one (a bug, or a provider that
/// reflects a token) must not leak it to the client.
enum ResponseMasking {
    static let mask = Array("***".utf8)

    /// `response` with every occurrence of each secret replaced; `masked` says whether anything was.
    static func mask(_ secrets: [String], in response: [UInt8]) -> (bytes: [UInt8], masked: Bool) {
        var bytes = response
        var masked = false
        for secret in secrets where secret.utf8.count >= 6 {
            let needle = Array(secret.utf8)
            var result: [UInt8] = []
            var index = 0
            var found = false
            while index < bytes.count {
                if bytes[index] == needle[0], index + needle.count <= bytes.count, bytes[index..<index + needle.count].elementsEqual(needle) {
                    result.append(contentsOf: mask)
                    index += needle.count
                    found = true
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            if found {
                bytes = result
                masked = true
            }
        }
        return (bytes, masked)
    }
}
