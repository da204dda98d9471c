import ConnectorModel

/// The path parts of an OpenAPI document's `servers`, which its `paths` are relative to.
///
/// Confluence v2 declares `https://{your-domain}/wiki/api/v2` with paths like
/// `/spaces`, so a request to `/wiki/api/v2/spaces` must be matched with the
/// base removed; Jira and Confluence v1 declare bare hosts and absolute paths.
enum ServerBasePaths {
    /// Distinct base paths, without trailing slash (`""` for a bare host or
    /// for no `servers`, which OpenAPI defines as `/`). Server variables in the
    /// path (`/ex/confluence/{cloudId}/wiki/api/v2`) are kept as `{name}` and
    /// match any one segment.
    static func of(_ document: JSONValue) -> [String] {
        let urls = document["servers"]?.arrayValue?.compactMap { $0["url"]?.stringValue } ?? []
        var bases: [String] = []
        for url in urls.isEmpty ? ["/"] : urls {
            let base = basePath(of: url)
            if !bases.contains(base) { bases.append(base) }
        }
        return bases
    }

    /// `https://host/wiki/api/v2` → `/wiki/api/v2`; `//host` → `""`; `/v1/` → `/v1`.
    static func basePath(of url: String) -> String {
        var text = Substring(url)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        if let scheme = text.firstRange(of: "://") {
            text = text[scheme.upperBound...]
            text = text.firstIndex(of: "/").map { text[$0...] } ?? ""
        } else if text.hasPrefix("//") {
            text = text.dropFirst(2)
            text = text.firstIndex(of: "/").map { text[$0...] } ?? ""
        } else if !text.isEmpty, text.first != "/" {
            // Relative to where the document is served; the best we can do is root it.
            text = "/" + text
        }
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}
