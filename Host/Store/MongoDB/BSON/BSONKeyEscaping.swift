/// Makes any JSON member name a valid BSON field name, reversibly.
///
/// Drivers and older servers refuse field names containing "." or starting
/// with "$", and BSON keys are C strings (no NUL); connector-defined JSON
/// (checkpoints, account details, config) may contain any of these. Such
/// characters are percent-encoded, "%" included, so decoding is unambiguous
/// and ordinary names (every key the store filters on) are stored unchanged.
/// The empty name, which drivers refuse too, becomes a lone "%" (which escaping
/// never produces otherwise).
enum BSONKeyEscaping {
    static func escape(_ key: String) -> String {
        if key.isEmpty { return "%" }
        guard key.utf8.contains(where: { needsEscape($0) }) else { return key }
        var escaped = ""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case ".": escaped += "%2E"
            case "$": escaped += "%24"
            case "\0": escaped += "%00"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    static func unescape(_ key: String) -> String {
        if key == "%" { return "" }
        guard key.utf8.contains(UInt8(ascii: "%")) else { return key }
        var result = ""
        var rest = Substring(key)
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let code = rest[percent...].prefix(3)
            switch code {
            case "%25": result += "%"
            case "%2E": result += "."
            case "%24": result += "$"
            case "%00": result += "\0"
            default: result += code  // written by someone else: keep it as it is
            }
            rest = rest[percent...].dropFirst(code.count)
        }
        return result + rest
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "%") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "$") || byte == 0
    }
}
