import ConnectorModel
import HTTPTypes
import HostTesting
import Testing

/// How a session reaches the host: the harness's in-test client, or its own
/// sockets (a host in another process). Either way every answer is checked
/// against openapi.json.
enum SalesforceTransport: Sendable {
    case harness(APIClient)
    case socket(SalesforceSocketClient)

    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields, json: JSONValue?, sourceLocation: SourceLocation
    ) async throws -> SalesforceReply {
        switch self {
        case .harness(let client):
            let reply = try await client.request(method, path, headers: headers, json: json, sourceLocation: sourceLocation)
            return SalesforceReply(status: reply.status, headers: reply.headers, body: reply.body)
        case .socket(let client):
            return try await client.send(method, path, headers: headers, json: json, sourceLocation: sourceLocation)
        }
    }

    /// The port the host listens on, for calls that need connections of their own.
    var port: Int? {
        switch self {
        case .harness(let client): client.client.port
        case .socket(let client): client.port
        }
    }
}
