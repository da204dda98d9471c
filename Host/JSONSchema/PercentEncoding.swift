/// Percent-decoding for URI pieces (request path segments, `$ref` fragments).
enum PercentEncoding {
    /// `PROJ%2D1` → `PROJ-1`. Malformed escapes are kept as written: a path
    /// we cannot decode is still a path to report, not a reason to throw.
    static func decode(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var rest = text.utf8[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%"), rest.count >= 2,
                let high = rest.first, let low = rest.dropFirst().first, high.isHexDigit, low.isHexDigit
            {
                bytes.append(hexValue(high) << 4 | hexValue(low))
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: digit - UInt8(ascii: "A") + 10
        }
    }
}
