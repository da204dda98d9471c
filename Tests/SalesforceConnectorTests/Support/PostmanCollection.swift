import ConnectorModel
import Foundation

/// The request definitions of Salesforce's Postman collection
/// (`Tests/Fixtures/upstream-specs/salesforce-postman-requests.subset.json`).
struct PostmanCollection {
    /// One request definition: method, path template and the parameters it sends.
    struct Request {
        /// The collection's file name, e.g. "query.json".
        let name: String
        let method: String
        /// Path segments; `v{{version}}` and `<SOBJECT_API_NAME>`-style segments are placeholders.
        let segments: [Substring]
        /// Enabled query parameters.
        let queryParameters: Set<String>
        /// Form body fields (`params` and `urlencoded` bodies).
        let bodyParameters: Set<String>

        /// Whether `path` fills this definition's path template.
        func matches(method: String, path: String) -> Bool {
            let recorded = path.split(separator: "/", omittingEmptySubsequences: false)
            guard method == self.method, recorded.count == segments.count else { return false }
            return zip(segments, recorded).allSatisfy { template, segment in
                if template == "v{{version}}" {
                    return segment.first == "v" && segment.dropFirst().split(separator: ".").count == 2
                        && segment.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
                }
                if template.hasPrefix("<") && template.hasSuffix(">") { return !segment.isEmpty }
                return template == segment
            }
        }
    }

    let requests: [Request]

    static func load() throws -> PostmanCollection {
        let document = try JSONDecoder().decode(JSONValue.self, from: try FixtureFiles.upstreamSpec("salesforce-postman-requests.subset.json"))
        let definitions = document["requests"]?.objectValue ?? [:]
        return PostmanCollection(
            requests: definitions.sorted { $0.key < $1.key }.compactMap { file, definition in
                guard let method = definition["method"]?.stringValue, let url = definition["url"]?.stringValue else { return nil }
                // Drop the `{{url}}{{site}}` or `{{_endpoint}}` base, then the query.
                var rest = Substring(url)
                while rest.hasPrefix("{{"), let close = rest.range(of: "}}") { rest = rest[close.upperBound...] }
                let path = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                let query = (definition["queryParams"]?.arrayValue ?? []).filter { $0["enabled"]?.boolValue != false }
                let body = definition["data"]?.arrayValue ?? []
                return Request(
                    name: String(file.split(separator: "/").last ?? ""), method: method,
                    segments: path.split(separator: "/", omittingEmptySubsequences: false),
                    queryParameters: Set(query.compactMap { $0["key"]?.stringValue }),
                    bodyParameters: Set(body.filter { $0["enabled"]?.boolValue != false }.compactMap { $0["key"]?.stringValue }))
            })
    }

    /// The definitions a request with this method and path could follow.
    func candidates(method: String, path: String) -> [Request] {
        requests.filter { $0.matches(method: method, path: path) }
    }
}
