import ConnectorModel
import PostgresTestSupport
import Testing

/// Connections over REST.
extension PostgresSession {
    /// POST /api/connections with `login`'s fields for `url` (the owner unless told).
    func createConnection(
        _ login: PostgresLogin, as url: PostgresURL? = nil, password: String? = nil, port: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        try await post("/api/connections", login.body(url ?? owner, password: password, port: port), sourceLocation: sourceLocation)
    }

    /// A new connection as the owner (201 expected); its id.
    func connect(_ login: PostgresLogin = .basic, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let created = try await createConnection(login, sourceLocation: sourceLocation)
        try #require(created.status == 201, "connect: \(created.text)", sourceLocation: sourceLocation)
        return try #require(created.data["connectionId"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// The tenant's connections (GET /api/connections).
    func connections() async throws -> [JSONValue] {
        let listed = try await get("/api/connections")
        try #require(listed.status == 200, "connections: \(listed.text)")
        return listed.data["items"]?.arrayValue ?? []
    }
}
