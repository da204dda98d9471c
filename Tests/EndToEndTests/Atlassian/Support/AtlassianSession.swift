import ConnectorModel
import HTTPTypes
import HostTesting
import StandIns
import Testing

/// One test's view of a running host and the Atlassian stand-ins it is
/// configured for: REST calls as tenant `acme`, every answer kept.
struct AtlassianSession: Sendable {
    static let tenant = "acme"
    /// The callback URL the stand-in's OAuth app has registered.
    static let redirectUri = "https://host.example.com/oauth/callback"

    let cloud: AtlassianCloudStandIn
    /// The in-process host, when the test runs one (nil for a host in a child process).
    let harness: HostHarness?
    let rest: AtlassianREST

    /// Where the host listens, as `publicBaseURL` names it.
    var baseURL: String { "http://127.0.0.1:\(rest.port)" }
    /// Every answer so far.
    var replies: [AtlassianReply] { rest.replies.all }

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, tenant: String? = AtlassianSession.tenant,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> AtlassianReply {
        let headers: HTTPFields = tenant.map { [HTTPField.Name("X-Tenant-Id")!: $0] } ?? [:]
        return try await rest.send(method, path, headers: headers, json: json, sourceLocation: sourceLocation)
    }

    @discardableResult
    func get(_ path: String, tenant: String? = AtlassianSession.tenant, sourceLocation: SourceLocation = #_sourceLocation) async throws -> AtlassianReply {
        try await call(.get, path, tenant: tenant, sourceLocation: sourceLocation)
    }

    @discardableResult
    func post(
        _ path: String, _ json: JSONValue = [:], tenant: String? = AtlassianSession.tenant, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> AtlassianReply {
        try await call(.post, path, json: json, tenant: tenant, sourceLocation: sourceLocation)
    }

    @discardableResult
    func delete(_ path: String, tenant: String? = AtlassianSession.tenant, sourceLocation: SourceLocation = #_sourceLocation) async throws -> AtlassianReply {
        try await call(.delete, path, tenant: tenant, sourceLocation: sourceLocation)
    }

    /// The connection as the host shows it.
    func connection(_ connectionId: String) async throws -> JSONValue {
        let shown = try await get("/api/connections/\(connectionId)")
        try #require(shown.status == 200, "connection: \(shown.text)")
        return shown.data
    }
}
