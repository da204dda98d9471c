import ConnectorModel
import TestKit
import Testing

/// Sync jobs and the changes feed, over REST.
extension SalesforceSession {
    /// POST /api/connectors/salesforce/jobs for `object`.
    func startJob(_ connectionId: String, mode: String, object: String = "Account", sourceLocation: SourceLocation = #_sourceLocation) async throws -> SalesforceReply {
        try await post(
            "/api/connectors/salesforce/jobs", ["connectionId": .string(connectionId), "mode": .string(mode), "containerId": .string(object)],
            sourceLocation: sourceLocation)
    }

    /// Starts a job and returns its id (202 expected).
    func startedJob(_ connectionId: String, mode: String, object: String = "Account", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let started = try await startJob(connectionId, mode: mode, object: object, sourceLocation: sourceLocation)
        try #require(started.status == 202, "job: \(started.text)", sourceLocation: sourceLocation)
        return try #require(started.data["id"]?.stringValue, sourceLocation: sourceLocation)
    }

    func job(_ jobId: String) async throws -> JSONValue {
        try await get("/api/connectors/salesforce/jobs/\(jobId)").data
    }

    /// Polls the job until it satisfies `condition`; returns it then.
    func job(_ jobId: String, timeout: Duration = .seconds(60), until condition: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        try await eventually(timeout: timeout, interval: .milliseconds(50), "job \(jobId) to reach the expected state") {
            condition(try await job(jobId))
        }
        return try await job(jobId)
    }

    /// Polls the job until it is succeeded, failed or cancelled; returns it then.
    func finishedJob(_ jobId: String, timeout: Duration = .seconds(60)) async throws -> JSONValue {
        try await job(jobId, timeout: timeout) { ["succeeded", "failed", "cancelled"].contains($0["status"]?.stringValue ?? "") }
    }

    /// The changes feed after `cursor`, read page by page (small pages, so the
    /// cursor makes round trips); returns the entries and where to continue.
    func feed(_ connectionId: String, after cursor: String = "0", pageSize: Int = 7) async throws -> (entries: [JSONValue], cursor: String) {
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

    /// The tenant's audit actions, newest first, every page.
    func auditActions() async throws -> [(action: String, target: String)] {
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
