/// RFC 5321 mailbox addresses (`format: email`).
enum EmailFormat {
    /// `local@domain`: a dot-atom or quoted local part of at most 64 bytes, and
    /// a domain of hyphen-and-alphanumeric labels or an `[address literal]`.
    /// Lenient: non-ASCII letters pass (internationalised addresses), and a
    /// single-label domain (`admin@localhost`) is allowed, as the RFC does.
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        return isLocalPart(local) && isDomain(domain)
    }

    private static func isLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64 else { return false }
        if local.count >= 2, local.first == "\"", local.last == "\"" { return true }
        guard local.first != ".", local.last != ".", !local.contains("..") else { return false }
        return local.unicodeScalars.allSatisfy { $0.value >= 0x80 || atext.contains($0) || $0 == "." }
    }

    private static func isDomain(_ domain: Substring) -> Bool {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return false }
        if domain.first == "[" { return domain.last == "]" && domain.count > 2 }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
            return label.unicodeScalars.allSatisfy { $0.value >= 0x80 || labelCharacters.contains($0) }
        }
    }

    private static let labelCharacters: Set<Unicode.Scalar> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-".unicodeScalars)

    /// RFC 5322 `atext`.
    private static let atext: Set<Unicode.Scalar> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~".unicodeScalars)
}
