import ConnectorModel
import HTTPTypes
import HostTesting
import HummingbirdTesting
import JSONSchema
import NIOCore
import Testing

/// REST calls to a host on `port`, each over a connection of its own (so
/// calls may truly overlap), every answer checked against openapi.json the
/// way `APIClient` checks it and kept in `replies`.
struct AtlassianREST: Sendable {
    let port: Int
    let document: JSONSchema.OpenAPIDocument
    let replies = AtlassianReplies()

    init(port: Int) throws {
        self.port = port
        document = try OpenAPIContract.document()
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], json: JSONValue? = nil, body: [UInt8]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> AtlassianReply {
        var headers = headers
        var payload = body
        if let json {
            headers[.contentType] = "application/json"
            payload = try WireCoding.encode(json)
        }
        let request = TestClient.Request(
            path, method: method, authority: "127.0.0.1:\(port)", headers: headers, body: payload.map { ByteBuffer(bytes: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(60))) { client in
            try await client.execute(request)
        }
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        let contentType = response.headers[.contentType] ?? ""
        check(method, path, status: Int(response.status.code), contentType: contentType, bytes: bytes, sourceLocation: sourceLocation)
        let parsed: JSONValue =
            contentType.hasPrefix("application/json")
            ? (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null : .string(String(decoding: bytes, as: UTF8.self))
        let reply = AtlassianReply(status: Int(response.status.code), headers: response.headers, body: parsed, bytes: bytes)
        replies.append(reply)
        return reply
    }

    /// Whether the host answers at all (no check, nothing kept).
    func isListening() async -> Bool {
        let answered = try? await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(5))) { client in
            try await client.execute(TestClient.Request("/ready", method: .get, authority: "127.0.0.1:\(port)"))
        }
        return answered != nil
    }

    /// The answer's status is documented for the route and its body matches the schema.
    private func check(_ method: HTTPRequest.Method, _ path: String, status: Int, contentType: String, bytes: [UInt8], sourceLocation: SourceLocation) {
        let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        var issues = document.validateResponse(method: method.rawValue, path: route, status: status, contentType: contentType, bodyBytes: bytes)
        if document.operation(method: method.rawValue, path: route) == nil {
            let body = (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null
            issues = document.validator.validate(body, againstSchemaAt: "#/components/schemas/ErrorResponse")
        }
        #expect(issues.isEmpty, "\(method) \(route) → \(status) does not match openapi.json: \(issues.prefix(5))", sourceLocation: sourceLocation)
    }
}
