import ConnectorModel
import Testing

/// Sync jobs of the Salesforce connector, over REST.
extension SalesforceSession {
    /// POST /api/connectors/salesforce/jobs for `object`.
    func startJob(_ connectionId: String, mode: String, object: String = "Account", sourceLocation: SourceLocation = #_sourceLocation) async throws -> HostReply {
        try await startJob(connector: "salesforce", connectionId, mode: mode, containerId: object, sourceLocation: sourceLocation)
    }

    func startedJob(_ connectionId: String, mode: String, object: String = "Account", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await startedJob(connector: "salesforce", connectionId, mode: mode, containerId: object, sourceLocation: sourceLocation)
    }

    func job(_ jobId: String) async throws -> JSONValue {
        try await job(connector: "salesforce", jobId)
    }

    func job(_ jobId: String, until condition: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        try await job(connector: "salesforce", jobId, until: condition)
    }

    func finishedJob(_ jobId: String) async throws -> JSONValue {
        try await finishedJob(connector: "salesforce", jobId)
    }
}
