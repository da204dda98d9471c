import ConnectorModel
import HTTPTypes
import HostTesting
import JSONSchema
import NIOCore
import Testing

/// REST calls to a host on `port`, each over a connection of its own, checked
/// against openapi.json the way `APIClient` checks its answers. The harness's
/// client keeps one connection, which the server answers one request at a
/// time: calls that must truly overlap, and a host in another process, use this.
struct SalesforceSocketClient: Sendable {
    let port: Int
    let document: JSONSchema.OpenAPIDocument

    init(port: Int) throws {
        self.port = port
        document = try OpenAPIContract.document()
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], json: JSONValue? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> SalesforceReply {
        var headers = headers
        var body: [UInt8]?
        if let json {
            headers[.contentType] = "application/json"
            body = try WireCoding.encode(json)
        }
        let response = try await SalesforcePlainHTTP.send(method, port: port, path: path, headers: headers, body: body)
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        let contentType = response.headers[.contentType] ?? ""
        let route = path.split(separator: "?").first.map(String.init) ?? path
        let issues = document.validateResponse(
            method: method.rawValue, path: route, status: Int(response.status.code), contentType: contentType, bodyBytes: bytes)
        #expect(issues.isEmpty, "\(method) \(route) → \(response.status.code) does not match openapi.json: \(issues.prefix(5))", sourceLocation: sourceLocation)
        let parsed = contentType.hasPrefix("application/json") ? (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null : .null
        return SalesforceReply(status: Int(response.status.code), headers: response.headers, body: parsed)
    }
}
