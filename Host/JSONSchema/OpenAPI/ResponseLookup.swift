import ConnectorModel

/// What the document says about one response.
enum ResponseLookup {
    /// A body with a schema.
    case body(OpenAPIResponseSchema)
    /// Documented, but no body schema is given.
    case undescribedBody
    /// Not documented; the issue says which part is missing.
    case failure(ValidationIssue)
}

extension OpenAPIDocument {
    func lookUpResponse(method: String, path: String, status: Int, contentType: String?) -> ResponseLookup {
        let method = method.uppercased()
        guard let found = match(path) else {
            return .failure(issue("#/paths", "no path in the document matches \(method) \(Self.pathPart(of: path))\(basePathHint)"))
        }
        guard let operation = found.item.operations[method] else {
            let documented = found.item.operations.keys.sorted().joined(separator: ", ")
            return .failure(issue(found.item.location, "\(found.item.template) documents no \(method) operation (only \(documented))"))
        }
        let location = found.item.location + "/" + method.lowercased()
        let responses = operation["responses"]?.objectValue ?? [:]
        guard let statusKey = Self.statusKey(for: status, in: responses) else {
            let documented = responses.keys.sorted().joined(separator: ", ")
            return .failure(issue(location + "/responses", "status \(status) is not documented for \(method) \(found.item.template) (documented: \(documented))"))
        }
        var responseLocation = location + "/responses/" + JSONPointer.escape(statusKey)
        // Responses may be shared through `#/components/responses/...`; the
        // schema's location is then under the shared response.
        var response = responses[statusKey]!
        if let ref = response["$ref"]?.stringValue, let canonical = JSONPointer.canonical(ref),
            let tokens = JSONPointer.tokens(of: canonical), let target = JSONPointer.resolve(tokens, in: root)
        {
            response = target
            responseLocation = canonical
        }
        guard let content = response["content"]?.objectValue, !content.isEmpty else { return .undescribedBody }
        guard let mediaType = MediaType.bestMatch(for: contentType, among: Array(content.keys)) else {
            let documented = content.keys.sorted().joined(separator: ", ")
            return .failure(issue(responseLocation + "/content", "content type \(contentType ?? "(none)") is not documented for \(status) (documented: \(documented))"))
        }
        guard let schema = content[mediaType]?["schema"] else { return .undescribedBody }
        return .body(OpenAPIResponseSchema(
            statusKey: statusKey, contentType: mediaType, schema: schema,
            location: responseLocation + "/content/" + JSONPointer.escape(mediaType) + "/schema"))
    }

    /// `404`, else `4XX` (either case), else `default`.
    static func statusKey(for status: Int, in responses: [String: JSONValue]) -> String? {
        let exact = String(status)
        if responses[exact] != nil { return exact }
        let range = "\(status / 100)XX"
        if let key = responses.keys.first(where: { $0.uppercased() == range }) { return key }
        return responses["default"] != nil ? "default" : nil
    }

    private var basePathHint: String {
        let bases = basePaths.filter { !$0.isEmpty }
        return bases.isEmpty ? "" : " (paths are relative to \(bases.joined(separator: " or ")))"
    }

    private func issue(_ schemaPath: String, _ message: String) -> ValidationIssue {
        ValidationIssue(instancePath: "", schemaPath: schemaPath, message: message)
    }
}
