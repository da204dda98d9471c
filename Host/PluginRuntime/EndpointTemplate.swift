import Egress

/// "{name}/path" → the configured base URL of endpoint `name` + "/path"; the
/// one way URLs in manifests and plugin requests name provider hosts.
public enum EndpointTemplate {
    public static func resolve(_ url: String, endpoints: [String: String]) throws(EgressError) -> String {
        guard url.hasPrefix("{") else { return url }
        guard let close = url.firstIndex(of: "}") else {
            throw EgressError(kind: .refused, message: "the URL template \"\(url.prefix(40))\" has no closing brace")
        }
        let name = String(url[url.index(after: url.startIndex)..<close])
        guard var base = endpoints[name] else {
            let known = endpoints.keys.sorted().joined(separator: ", ")
            throw EgressError(kind: .refused, message: "unknown endpoint {\(name)}; this connector has: \(known.isEmpty ? "none" : known)")
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base + url[url.index(after: close)...]
    }
}
