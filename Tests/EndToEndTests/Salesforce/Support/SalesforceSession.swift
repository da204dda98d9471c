import ConnectorModel
import HTTPTypes
import StandIns
import Testing

/// One test's view of a running host and the Salesforce stand-in it is
/// configured for: REST calls as tenant `acme`, every answer kept.
struct SalesforceSession: Sendable {
    static let tenant = "acme"

    let transport: SalesforceTransport
    let salesforce: SalesforceStandIn
    let replies: SalesforceReplies

    init(transport: SalesforceTransport, salesforce: SalesforceStandIn, replies: SalesforceReplies = SalesforceReplies()) {
        self.transport = transport
        self.salesforce = salesforce
        self.replies = replies
    }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, tenant: String? = SalesforceSession.tenant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> SalesforceReply {
        let headers: HTTPFields = tenant.map { [HTTPField.Name("X-Tenant-Id")!: $0] } ?? [:]
        let reply = try await transport.send(method, path, headers: headers, json: json, sourceLocation: sourceLocation)
        replies.append(reply)
        return reply
    }

    @discardableResult
    func get(_ path: String, tenant: String? = SalesforceSession.tenant, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SalesforceReply {
        try await call(.get, path, tenant: tenant, sourceLocation: sourceLocation)
    }

    @discardableResult
    func post(
        _ path: String, _ json: JSONValue = [:], tenant: String? = SalesforceSession.tenant, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> SalesforceReply {
        try await call(.post, path, json: json, tenant: tenant, sourceLocation: sourceLocation)
    }

    /// The same session over connections of its own (for calls that must overlap); answers go to the same log.
    func overSockets() throws -> SalesforceSession {
        let port = try #require(transport.port, "the host is not listening on a socket")
        return SalesforceSession(transport: .socket(try SalesforceSocketClient(port: port)), salesforce: salesforce, replies: replies)
    }
}
