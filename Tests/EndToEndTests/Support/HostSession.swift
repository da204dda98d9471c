import ConnectorModel
import HTTPTypes
import Testing

/// One test's view of a running host, whichever connectors it serves: REST
/// calls as tenant `acme` (or as the operator, `tenant: nil`), every answer kept.
protocol HostSession: Sendable {
    var rest: HostSocketClient { get }
    /// The changes feed's default page: small for the suite's fixtures, so the cursor makes round trips.
    static var feedPageSize: Int { get }
}

extension HostSession {
    static var tenant: String { "acme" }

    /// Every answer so far.
    var replies: [HostReply] { rest.replies.all }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, tenant: String? = Self.tenant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        let headers: HTTPFields = tenant.map { [HTTPField.Name("X-Tenant-Id")!: $0] } ?? [:]
        return try await rest.send(method, path, headers: headers, json: json, sourceLocation: sourceLocation)
    }

    @discardableResult
    func get(_ path: String, tenant: String? = Self.tenant, sourceLocation: SourceLocation = #_sourceLocation) async throws -> HostReply {
        try await call(.get, path, tenant: tenant, sourceLocation: sourceLocation)
    }

    @discardableResult
    func post(_ path: String, _ json: JSONValue = [:], tenant: String? = Self.tenant, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> HostReply
    {
        try await call(.post, path, json: json, tenant: tenant, sourceLocation: sourceLocation)
    }

    @discardableResult
    func delete(_ path: String, tenant: String? = Self.tenant, sourceLocation: SourceLocation = #_sourceLocation) async throws -> HostReply {
        try await call(.delete, path, tenant: tenant, sourceLocation: sourceLocation)
    }
}
