import ConnectorModel
import Testing

/// Sync jobs of the PostgreSQL connector and their checkpoints, over REST.
extension PostgresSession {
    /// POST /api/connectors/postgresql/jobs for the table `containerId` ("schema.table").
    func startJob(_ connectionId: String, mode: String, table containerId: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> HostReply
    {
        try await startJob(connector: "postgresql", connectionId, mode: mode, containerId: containerId, sourceLocation: sourceLocation)
    }

    func startedJob(_ connectionId: String, mode: String, table: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await startedJob(connector: "postgresql", connectionId, mode: mode, containerId: table, sourceLocation: sourceLocation)
    }

    func job(_ jobId: String) async throws -> JSONValue {
        try await job(connector: "postgresql", jobId)
    }

    func finishedJob(_ jobId: String) async throws -> JSONValue {
        try await finishedJob(connector: "postgresql", jobId)
    }

    /// Starts a job and waits until it finishes; the finished job.
    func runJob(_ connectionId: String, mode: String, table: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await finishedJob(try await startedJob(connectionId, mode: mode, table: table, sourceLocation: sourceLocation))
    }

    /// The stored checkpoint of the sync stream of `table` ("items:<schema.table>").
    func checkpoint(_ connectionId: String, table: String) async throws -> JSONValue? {
        let states = try await get("/api/connections/\(connectionId)/sync-state")
        try #require(states.status == 200, "sync-state: \(states.text)")
        return states.data.arrayValue?.first { $0["stream"]?.stringValue == "items:\(table)" }?["checkpoint"]
    }
}

extension [JSONValue] {
    /// The row key (`data.id`, the item's id) of every feed entry.
    var rowKeys: [String] { compactMap { $0["data"]?["id"]?.stringValue } }
}
