import ConnectorModel

extension OpenAPIDocument {
    /// The schema of the body documented for a response, or `nil` when the
    /// operation, the status or the content type is not documented, or the
    /// response documents no body.
    ///
    /// The status is looked up exactly (`404`), then as a range (`4XX`), then
    /// as `default`. `contentType` may carry parameters (`; charset=utf-8`);
    /// `nil` picks `application/json` or the only documented type.
    public func responseSchema(method: String, path: String, status: Int, contentType: String? = nil) -> OpenAPIResponseSchema? {
        if case .body(let schema) = lookUpResponse(method: method, path: path, status: status, contentType: contentType) {
            return schema
        }
        return nil
    }

    /// Checks a response against the document. Besides schema issues, the
    /// result says when the operation is not in the document, when the status
    /// or content type is not documented, or when a documented body is missing.
    ///
    /// A response the document describes without `content` (Jira's 401s) is
    /// not checked: OpenAPI means "body not described", not "must be empty".
    public func validateResponse(method: String, path: String, status: Int, contentType: String?, body: JSONValue?) -> [ValidationIssue] {
        switch lookUpResponse(method: method, path: path, status: status, contentType: contentType) {
        case .failure(let issue):
            return [issue]
        case .undescribedBody:
            return []
        case .body(let schema):
            guard let body else {
                return [ValidationIssue(
                    instancePath: "", schemaPath: schema.location,
                    message: "the response has no body, but \(status) documents one (\(schema.contentType))")]
            }
            return validator.validate(body, againstSchemaAt: schema.location)
        }
    }

    /// Like `validateResponse(method:path:status:contentType:body:)` for raw
    /// bytes: empty bytes are no body, JSON media types must parse, and
    /// bodies of other media types are not checked against the schema.
    public func validateResponse(
        method: String, path: String, status: Int, contentType: String?, bodyBytes: some Collection<UInt8>
    ) -> [ValidationIssue] {
        if bodyBytes.isEmpty {
            return validateResponse(method: method, path: path, status: status, contentType: contentType, body: nil)
        }
        if let contentType, !MediaType.isJSON(contentType) {
            guard case .failure(let issue) = lookUpResponse(method: method, path: path, status: status, contentType: contentType) else { return [] }
            return [issue]
        }
        guard let body = try? WireCoding.decode(JSONValue.self, from: bodyBytes) else {
            return [ValidationIssue(instancePath: "", schemaPath: "#", message: "the response body is not valid JSON")]
        }
        return validateResponse(method: method, path: path, status: status, contentType: contentType, body: body)
    }
}
