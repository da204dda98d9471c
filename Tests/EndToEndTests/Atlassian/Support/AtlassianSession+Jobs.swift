import ConnectorModel
import Testing

/// Sync jobs of one of the two connectors, over REST.
extension AtlassianSession {
    func startJob(
        _ connector: AtlassianConnector, _ connectionId: String, mode: String, containerId: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        try await startJob(connector: connector.id, connectionId, mode: mode, containerId: containerId, sourceLocation: sourceLocation)
    }

    func startedJob(
        _ connector: AtlassianConnector, _ connectionId: String, mode: String, containerId: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        try await startedJob(connector: connector.id, connectionId, mode: mode, containerId: containerId, sourceLocation: sourceLocation)
    }

    func job(_ connector: AtlassianConnector, _ jobId: String) async throws -> JSONValue {
        try await job(connector: connector.id, jobId)
    }

    func job(_ connector: AtlassianConnector, _ jobId: String, until condition: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        try await job(connector: connector.id, jobId, until: condition)
    }

    func finishedJob(_ connector: AtlassianConnector, _ jobId: String) async throws -> JSONValue {
        try await finishedJob(connector: connector.id, jobId)
    }
}
