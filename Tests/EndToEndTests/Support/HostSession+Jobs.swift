import ConnectorModel
import TestKit
import Testing

/// Sync jobs and the changes feed, over REST.
extension HostSession {
    /// POST /api/connectors/{connector}/jobs.
    func startJob(
        connector: String, _ connectionId: String, mode: String, containerId: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> HostReply {
        var body: [String: JSONValue] = ["connectionId": .string(connectionId), "mode": .string(mode)]
        if let containerId { body["containerId"] = .string(containerId) }
        return try await post("/api/connectors/\(connector)/jobs", .object(body), sourceLocation: sourceLocation)
    }

    /// Starts a job (202 expected); its id.
    func startedJob(
        connector: String, _ connectionId: String, mode: String, containerId: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let started = try await startJob(connector: connector, connectionId, mode: mode, containerId: containerId, sourceLocation: sourceLocation)
        try #require(started.status == 202, "job: \(started.text)", sourceLocation: sourceLocation)
        return try #require(started.data["id"]?.stringValue, sourceLocation: sourceLocation)
    }

    func job(connector: String, _ jobId: String) async throws -> JSONValue {
        let shown = try await get("/api/connectors/\(connector)/jobs/\(jobId)")
        try #require(shown.status == 200, "job \(jobId): \(shown.text)")
        return shown.data
    }

    /// Polls the job until `condition` holds; returns it then.
    func job(
        connector: String, _ jobId: String, timeout: Duration = .seconds(120), until condition: @escaping @Sendable (JSONValue) -> Bool
    ) async throws -> JSONValue {
        try await eventually(timeout: timeout, interval: .milliseconds(50), "job \(jobId) to reach the expected state") {
            condition(try await job(connector: connector, jobId))
        }
        return try await job(connector: connector, jobId)
    }

    /// Polls the job until it is succeeded, failed or cancelled; returns it then.
    func finishedJob(connector: String, _ jobId: String, timeout: Duration = .seconds(120)) async throws -> JSONValue {
        try await job(connector: connector, jobId, timeout: timeout) { ["succeeded", "failed", "cancelled"].contains($0["status"]?.stringValue ?? "") }
    }

    /// The changes feed after `cursor`, page by page; the entries and where to continue.
    func feed(_ connectionId: String, after cursor: String = "0", pageSize: Int = Self.feedPageSize) async throws -> (entries: [JSONValue], cursor: String) {
        var entries: [JSONValue] = []
        var cursor = cursor
        while true {
            let page = try await get("/api/connections/\(connectionId)/records?limit=\(pageSize)&cursor=\(cursor)")
            try #require(page.status == 200, "records: \(page.text)")
            let items = page.data["items"]?.arrayValue ?? []
            cursor = try #require(page.data["nextCursor"]?.stringValue)
            entries += items
            if items.isEmpty { return (entries, cursor) }
        }
    }
}
