import ConnectorModel

extension OpenAPIDocument {
    /// The operation a request for `method` and a concrete `path` maps to,
    /// or `nil` when the document has none.
    ///
    /// `path` may carry a query string or fragment (ignored) and may be a
    /// full URL (scheme and host are ignored). Parameters match exactly one
    /// segment; when several templates match, literal segments win over
    /// parameters, from the left (`/issue/picker` over `/issue/{id}`).
    public func operation(method: String, path: String) -> OpenAPIOperation? {
        guard let found = match(path), let operation = found.item.operations[method.uppercased()] else { return nil }
        return OpenAPIOperation(
            route: OpenAPIRoute(method: method, template: found.item.template),
            basePath: found.basePath,
            operationId: operation["operationId"]?.stringValue,
            pathParameters: found.parameters,
            location: found.item.location + "/" + method.lowercased(),
            definition: operation)
    }

    /// The best path item for a concrete path, whatever the method.
    func match(_ path: String) -> (item: PathItem, basePath: String, parameters: [String: String])? {
        let segments = PathTemplate.split(Self.pathPart(of: path)).map(PercentEncoding.decode)
        var best: (item: PathItem, basePath: String, parameters: [String: String], score: PathTemplate.Score)?
        for item in pathItems {
            for (basePath, template) in item.variants {
                guard let (parameters, score) = template.match(segments) else { continue }
                if best == nil || best!.score < score { best = (item, basePath, parameters, score) }
            }
        }
        return best.map { ($0.item, $0.basePath, $0.parameters) }
    }

    /// The path of a request target: no scheme, host, query or fragment.
    static func pathPart(of target: String) -> Substring {
        var text = Substring(target)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        if let scheme = text.firstRange(of: "://") {
            let afterHost = text[scheme.upperBound...]
            text = afterHost.firstIndex(of: "/").map { afterHost[$0...] } ?? "/"
        }
        return text.first == "/" ? text : "/" + text
    }
}
