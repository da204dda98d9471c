import ConnectorModel
import HostTesting
import TestKit
import Testing

/// Sync jobs, checkpoints and the changes feed, over REST.
extension PostgresSession {
    /// POST /api/connectors/postgresql/jobs for the table `containerId` ("schema.table").
    func startJob(_ connectionId: String, mode: String, table containerId: String, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> APIClient.Reply
    {
        try await post(
            "/api/connectors/postgresql/jobs",
            ["connectionId": .string(connectionId), "mode": .string(mode), "containerId": .string(containerId)], sourceLocation: sourceLocation)
    }

    /// Starts a job (202 expected); its id.
    func startedJob(_ connectionId: String, mode: String, table: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let started = try await startJob(connectionId, mode: mode, table: table, sourceLocation: sourceLocation)
        try #require(started.status == 202, "job: \(started.text)", sourceLocation: sourceLocation)
        return try #require(started.data["id"]?.stringValue, sourceLocation: sourceLocation)
    }

    func job(_ jobId: String) async throws -> JSONValue {
        let reply = try await get("/api/connectors/postgresql/jobs/\(jobId)")
        try #require(reply.status == 200, "job \(jobId): \(reply.text)")
        return reply.data
    }

    /// Polls the job until it is succeeded, failed or cancelled; returns it then.
    func finishedJob(_ jobId: String, timeout: Duration = .seconds(90)) async throws -> JSONValue {
        try await eventually(timeout: timeout, interval: .milliseconds(50), "job \(jobId) to finish") {
            ["succeeded", "failed", "cancelled"].contains(try await job(jobId)["status"]?.stringValue ?? "")
        }
        return try await job(jobId)
    }

    /// Starts a job and waits until it finishes; the finished job.
    func runJob(_ connectionId: String, mode: String, table: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await finishedJob(try await startedJob(connectionId, mode: mode, table: table, sourceLocation: sourceLocation))
    }

    /// The changes feed after `cursor`, read in small pages (so the cursor makes
    /// round trips); the entries and where to continue.
    func feed(_ connectionId: String, after cursor: String = "0", pageSize: Int = 4) async throws -> (entries: [JSONValue], cursor: String) {
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
