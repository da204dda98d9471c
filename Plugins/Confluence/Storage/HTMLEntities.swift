/// Character references of XHTML: named ones Confluence writes, and numeric ones.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—", "hellip": "…",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "bull": "•", "middot": "·",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "deg": "°", "times": "×",
        "divide": "÷", "plusmn": "±", "para": "¶", "sect": "§", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔",
    ]

    /// Replaces every reference it knows; unknown ones stay as written.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";"), let value = character(String(rest[rest.index(after: rest.startIndex)..<semicolon])) else {
                result.append("&")
                rest = rest.dropFirst()
                continue
            }
            result += value
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func character(_ reference: String) -> String? {
        if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
            return UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if reference.hasPrefix("#") {
            return UInt32(reference.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[reference]
    }
}
