import ConnectorModel
import Testing

/// Browsing one of the two connectors, over REST.
extension AtlassianSession {
    func browse(
        _ connector: AtlassianConnector, _ kind: String, _ connectionId: String, query: String = "", cursor: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        try await browse(connector: connector.id, kind, connectionId, query: query, cursor: cursor, sourceLocation: sourceLocation)
    }

    func browseAll(
        _ connector: AtlassianConnector, _ kind: String, _ connectionId: String, query: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (elements: [JSONValue], cursors: [String]) {
        try await browseAll(connector: connector.id, kind, connectionId, query: query, sourceLocation: sourceLocation)
    }

    /// GET containers once: the cheapest call that reaches the provider.
    func listContainers(_ connector: AtlassianConnector, _ connectionId: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> HostReply
    {
        try await browse(connector, "containers", connectionId, sourceLocation: sourceLocation)
    }
}
