/// Matching a response's `Content-Type` against the keys of an OpenAPI `content` map.
enum MediaType {
    /// `application/json; charset=utf-8` → `application/json`.
    static func essence(_ contentType: String) -> String {
        let type = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return String(type.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()).lowercased()
    }

    /// True for `application/json` and structured `+json` types.
    static func isJSON(_ contentType: String) -> Bool {
        let type = essence(contentType)
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// The documented key for `contentType`: exact, then `type/*`, then `*/*`.
    /// Without a content type: `application/json`, else the only key.
    static func bestMatch(for contentType: String?, among keys: [String]) -> String? {
        guard let contentType else {
            return keys.first { essence($0) == "application/json" } ?? (keys.count == 1 ? keys[0] : nil)
        }
        let wanted = essence(contentType)
        let family = wanted.split(separator: "/").first.map { $0 + "/*" } ?? ""
        for candidate in [wanted, family, "*/*"] {
            if let key = keys.first(where: { essence($0) == candidate }) { return key }
        }
        return nil
    }
}
