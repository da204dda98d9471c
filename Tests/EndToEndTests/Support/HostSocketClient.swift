import ConnectorModel
import HTTPTypes
import HostTesting
import JSONSchema
import Testing

/// REST calls to a host on `port`, each over a connection of its own (so
/// calls may truly overlap, and the host may run in another process), every
/// answer checked against openapi.json the way `APIClient` checks it and kept
/// in `replies`.
struct HostSocketClient: Sendable {
    let port: Int
    let document: JSONSchema.OpenAPIDocument
    let replies = HostReplies()

    init(port: Int) throws {
        self.port = port
        document = try OpenAPIContract.document()
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], json: JSONValue? = nil, body: [UInt8]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        var headers = headers
        var payload = body
        if let json {
            headers[.contentType] = "application/json"
            payload = try WireCoding.encode(json)
        }
        let response = try await PlainHTTP.send(method, port: port, path: path, headers: headers, body: payload)
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        let contentType = response.headers[.contentType] ?? ""
        check(method, path, status: Int(response.status.code), contentType: contentType, bytes: bytes, sourceLocation: sourceLocation)
        let parsed: JSONValue =
            contentType.hasPrefix("application/json")
            ? (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null : .string(String(decoding: bytes, as: UTF8.self))
        let reply = HostReply(status: Int(response.status.code), headers: response.headers, body: parsed, bytes: bytes)
        replies.append(reply)
        return reply
    }

    /// Whether the host answers at all (no check, nothing kept).
    func isListening() async -> Bool {
        (try? await PlainHTTP.send(.get, port: port, path: "/ready", timeout: .seconds(5))) != nil
    }

    /// The answer's status is documented for the route and its body matches the schema.
    private func check(_ method: HTTPRequest.Method, _ path: String, status: Int, contentType: String, bytes: [UInt8], sourceLocation: SourceLocation) {
        let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var issues = document.validateResponse(method: method.rawValue, path: route, status: status, contentType: contentType, bodyBytes: bytes)
        if document.operation(method: method.rawValue, path: route) == nil {
            // Unrouted requests (404/405) have no operation: their envelope must still be an ErrorResponse.
            let body = (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null
            issues = document.validator.validate(body, againstSchemaAt: "#/components/schemas/ErrorResponse")
        }
        #expect(issues.isEmpty, "\(method) \(route) → \(status) does not match openapi.json: \(issues.prefix(5))", sourceLocation: sourceLocation)
    }
}
