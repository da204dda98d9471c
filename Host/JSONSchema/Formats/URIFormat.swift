/// RFC 3986 absolute URIs (`format: uri`).
enum URIFormat {
    /// A scheme, a colon, then only characters a URI may contain, with every
    /// `%` starting a two-digit escape. Lenient: non-ASCII is accepted (IRIs,
    /// which services put in `format: uri` fields), and the parts after the
    /// scheme are not parsed further. Relative references (`/rest/x`) fail:
    /// `uri` means absolute, `uri-reference` would be the relative format.
    static func isURI(_ bytes: [UInt8]) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, bytes[0].isASCIILetter,
            bytes[1..<colon].allSatisfy({ $0.isASCIILetter || $0.isDigit || "+-.".utf8.contains($0) })
        else { return false }
        var index = colon + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, bytes[index + 1].isHexDigit, bytes[index + 2].isHexDigit else { return false }
                index += 3
                continue
            }
            guard byte >= 0x80 || allowed.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    /// Unreserved and reserved characters of RFC 3986 (everything but `%`).
    private static let allowed: Set<UInt8> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=".utf8)
}
