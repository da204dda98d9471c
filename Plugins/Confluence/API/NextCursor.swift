import ConnectorSDK

/// The provider's cursor for the next page, read from `_links.next` or,
/// failing that, from `Link: <...>; rel="next"`. Only the `cursor` value is
/// kept: the connector builds the next URL itself, so neither a response
/// nor a forged client cursor can point a request elsewhere.
enum NextCursor {
    static func from(bodyLink: String?, response: HTTPResponse) -> String? {
        if let bodyLink, let cursor = cursor(in: bodyLink) { return cursor }
        guard let header = response.header("link") else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: " ") }
            guard let target = pieces.first, target.hasPrefix("<"), target.hasSuffix(">"),
                pieces.dropFirst().contains(where: { $0.replacing("\"", with: "") == "rel=next" })
            else { continue }
            return cursor(in: String(target.dropFirst().dropLast()))
        }
        return nil
    }

    /// The percent-decoded `cursor` query parameter of a URL.
    static func cursor(in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") where pair.hasPrefix("cursor=") {
            let value = String(pair.dropFirst("cursor=".count))
            return value.isEmpty ? nil : percentDecoded(value)
        }
        return nil
    }

    private static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = drop { set.contains($0) }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
