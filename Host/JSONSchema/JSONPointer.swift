import ConnectorModel

/// RFC 6901 JSON pointers, as used by `$ref` (`#/components/schemas/Foo`)
/// and by the paths in `ValidationIssue`.
enum JSONPointer {
    /// Escapes one reference token: `~` becomes `~0`, `/` becomes `~1`
    /// (in that order, so `~1` in a key does not turn into `/`).
    static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }

    /// The reference tokens of a pointer written as `/a/b`, `#/a/b` or `#`.
    /// The URI-fragment forms may be percent-encoded (`#/paths/~1issue%7Bid%7D`).
    /// Returns `nil` for anything that is not a local pointer (`other.json#/x`).
    static func tokens(of pointer: String) -> [String]? {
        var text = Substring(pointer)
        let isFragment = text.first == "#"
        if isFragment { text = text.dropFirst() }
        if text.isEmpty { return [] }
        guard text.first == "/" else { return nil }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { raw in
            let decoded = isFragment ? PercentEncoding.decode(raw) : String(raw)
            // `~1` first: `~01` must become `~1`, not `/`.
            return decoded.replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }

    /// The canonical fragment form (`#/a/b`) of a local pointer, so that
    /// differently spelled references to one place share a cache entry.
    static func canonical(_ pointer: String) -> String? {
        tokens(of: pointer).map(fragment(of:))
    }

    /// `#` followed by the escaped tokens.
    static func fragment(of tokens: [String]) -> String {
        "#" + tokens.map { "/" + escape($0) }.joined()
    }

    /// The value `tokens` lead to inside `document`, or `nil` when a step is missing.
    static func resolve(_ tokens: [String], in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                // RFC 6901: decimal digits without leading zeros.
                guard let index = Int(token), String(index) == token, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// One step of an instance path, kept unrendered until an issue needs it:
/// most visited nodes are valid, and formatting their paths would dominate
/// the cost of validating a large page.
enum PathToken {
    case key(String)
    case index(Int)

    /// Renders a stack of tokens as a JSON pointer (`""` when empty).
    static func render(_ tokens: [PathToken]) -> String {
        var text = ""
        for token in tokens {
            switch token {
            case .key(let key): text += "/" + JSONPointer.escape(key)
            case .index(let index): text += "/\(index)"
            }
        }
        return text
    }
}
