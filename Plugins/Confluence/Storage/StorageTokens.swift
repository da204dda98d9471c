/// Splits Confluence storage format (XHTML with `ac:`/`ri:` elements) into
/// tags, text, and CDATA sections. Lenient like a browser: a stray `<` is text.
enum StorageTokens {
    enum Token: Equatable {
        case open(name: String, attributes: [String: String], selfClosing: Bool)
        case close(name: String)
        case text(String)
        /// CDATA content, verbatim (code macros keep their code here).
        case cdata(String)
    }

    static func split(_ source: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(source)
        while !rest.isEmpty {
            if rest.hasPrefix("<![CDATA["), let end = rest.firstRange(of: "]]>") {
                tokens.append(.cdata(String(rest[rest.index(rest.startIndex, offsetBy: 9)..<end.lowerBound])))
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("<!--") {
                rest = rest.firstRange(of: "-->").map { rest[$0.upperBound...] } ?? ""
            } else if rest.first == "<", let end = rest.firstIndex(of: ">"), let tag = tag(rest[rest.index(after: rest.startIndex)..<end]) {
                tokens.append(tag)
                rest = rest[rest.index(after: end)...]
            } else {
                let next = rest.dropFirst().firstIndex(of: "<") ?? rest.endIndex
                tokens.append(.text(String(rest[..<next])))
                rest = rest[next...]
            }
        }
        return tokens
    }

    /// `p`, `/p`, `br /`, `ri:user ri:account-id="x" /`, `!DOCTYPE ...` (dropped as text-free).
    private static func tag(_ inside: Substring) -> Token? {
        var body = inside
        if body.first == "/" {
            let name = body.dropFirst().prefix { !$0.isWhitespace }
            return name.isEmpty ? nil : .close(name: name.lowercased())
        }
        if body.first == "!" || body.first == "?" { return .text("") }
        let selfClosing = body.last == "/"
        if selfClosing { body = body.dropLast() }
        let name = body.prefix { !$0.isWhitespace }
        guard let first = name.first, first.isLetter else { return nil }
        return .open(name: name.lowercased(), attributes: attributes(body.dropFirst(name.count)), selfClosing: selfClosing)
    }

    private static func attributes(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingSpaces().lowercased()
            rest = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { break }
            rest = rest.dropFirst()
            let end = rest.firstIndex(of: quote) ?? rest.endIndex
            result[name] = HTMLEntities.decode(String(rest[..<end]))
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var slice = drop { $0.isWhitespace }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return slice
    }
}
