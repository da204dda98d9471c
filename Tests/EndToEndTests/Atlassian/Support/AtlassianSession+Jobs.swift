import ConnectorModel
import TestKit
import Testing

/// Sync jobs, the changes feed and the audit trail, over REST.
extension AtlassianSession {
    func startJob(
        _ connector: AtlassianConnector, _ connectionId: String, mode: String, containerId: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> AtlassianReply {
        var body: [String: JSONValue] = ["connectionId": .string(connectionId), "mode": .string(mode)]
        if let containerId { body["containerId"] = .string(containerId) }
        return try await post("/api/connectors/\(connector.id)/jobs", .object(body), sourceLocation: sourceLocation)
    }

    /// Starts a job (202 expected) and returns its id.
    func startedJob(
        _ connector: AtlassianConnector, _ connectionId: String, mode: String, containerId: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let started = try await startJob(connector, connectionId, mode: mode, containerId: containerId, sourceLocation: sourceLocation)
        try #require(started.status == 202, "job: \(started.text)", sourceLocation: sourceLocation)
        return try #require(started.data["id"]?.stringValue, sourceLocation: sourceLocation)
    }

    func job(_ connector: AtlassianConnector, _ jobId: String) async throws -> JSONValue {
        let shown = try await get("/api/connectors/\(connector.id)/jobs/\(jobId)")
        try #require(shown.status == 200, "job: \(shown.text)")
        return shown.data
    }

    /// Polls the job until `condition` holds; returns it then.
    func job(
        _ connector: AtlassianConnector, _ jobId: String, timeout: Duration = .seconds(120), until condition: @escaping @Sendable (JSONValue) -> Bool
    ) async throws -> JSONValue {
        try await eventually(timeout: timeout, interval: .milliseconds(100), "job \(jobId) to reach the expected state") {
            condition(try await job(connector, jobId))
        }
        return try await job(connector, jobId)
    }

    /// Polls the job until it is succeeded, failed or cancelled.
    func finishedJob(_ connector: AtlassianConnector, _ jobId: String) async throws -> JSONValue {
        try await job(connector, jobId) { ["succeeded", "failed", "cancelled"].contains($0["status"]?.stringValue ?? "") }
    }

    /// The changes feed after `cursor`, in small pages so the cursor makes
    /// round trips; returns the entries and where to continue.
    func feed(_ connectionId: String, after cursor: String = "0", pageSize: Int = 9) async throws -> (entries: [JSONValue], cursor: String) {
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

    /// The tenant's audit trail, newest first, every page.
    func auditTrail() async throws -> [(action: String, target: String)] {
        var actions: [(String, String)] = []
        var cursor: String?
        repeat {
            let page = try await get("/api/audit-logs?limit=100" + (cursor.map { "&cursor=\($0)" } ?? ""))
            try #require(page.status == 200, "audit logs: \(page.text)")
            actions += (page.data["items"]?.arrayValue ?? []).map { ($0["action"]?.stringValue ?? "", $0["target"]?.stringValue ?? "") }
            cursor = page.data["nextCursor"]?.stringValue
        } while cursor != nil
        return actions
    }
}
