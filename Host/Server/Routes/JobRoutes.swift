import ConnectorModel
import Hummingbird
import Store

import struct Foundation.Date

/// `/api/connectors/{id}/jobs`: start, watch and cancel sync jobs; and
/// `/api/connections/{connectionId}/records`: what they stored, as a changes feed.
struct JobRoutes {
    let services: AppServices

    func register(on group: RouterGroup<HostRequestContext>) {
        group.post("connectors/{id}/jobs", use: start)
        group.get("connectors/{id}/jobs/{jobId}", use: show)
        group.delete("connectors/{id}/jobs/{jobId}", use: cancel)
        group.get("connections/{connectionId}/records", use: records)
    }

    struct StartRequest: Decodable, Sendable {
        var connectionId: String
        /// `incremental` (the default) continues from the stream's checkpoint; `full` starts over.
        var mode: SyncPageRequest.Mode?
        var stream: String?
        var containerId: String?
    }

    @Sendable func start(_ request: Request, context: HostRequestContext) async throws -> Envelope<SyncJobRecord> {
        let tenantId = try context.requireTenant()
        let connectorId = try context.parameters.require("id")
        let body = try await request.decodeJSON(StartRequest.self, context: context)
        let connection = try await services.connections.usableConnection(body.connectionId, of: connectorId, tenantId: tenantId)
        guard try services.calls.plugin(connectorId).manifest.implements(.syncPage) else {
            throw APIError(.notImplemented, code: "operation_not_supported", "The \(connectorId) connector cannot run sync jobs.")
        }
        let stream = body.stream ?? "items"
        if let running = try await storeCall({ () async throws(StoreError) in try await services.store.activeJob(connectionId: connection.id, tenantId: tenantId, stream: stream) }) {
            throw APIError(
                .conflict, code: "job_already_running", "A sync job for this connection and stream is already \(running.status.rawValue).",
                details: ["jobId": .string(running.id)])
        }
        let job = SyncJobRecord(
            id: Identifiers.make("job"), tenantId: tenantId, connectionId: connection.id, connectorId: connectorId, mode: body.mode ?? .incremental,
            stream: stream, containerId: body.containerId, requestId: context.requestId, createdAt: Date())
        try await storeCall { () async throws(StoreError) in try await services.store.insertJob(job) }
        services.jobsWakeUp.signal()
        await services.audit.record(
            "sync_job.started", target: job.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId,
            details: ["connectionId": .string(connection.id), "mode": .string(job.mode.rawValue), "stream": .string(stream)])
        return Envelope(job, status: .accepted)
    }

    @Sendable func show(_ request: Request, context: HostRequestContext) async throws -> Envelope<SyncJobRecord> {
        Envelope(try await job(request, context))
    }

    @Sendable func cancel(_ request: Request, context: HostRequestContext) async throws -> Envelope<SyncJobRecord> {
        let tenantId = try context.requireTenant()
        let existing = try await job(request, context)
        let cancelled = try await storeCall { () async throws(StoreError) in try await services.store.requestJobCancellation(id: existing.id, tenantId: tenantId) }
        await services.audit.record("sync_job.cancel_requested", target: existing.id, tenantId: tenantId, actor: context.actor, requestId: context.requestId)
        return Envelope(cancelled ?? existing)
    }

    @Sendable func records(_ request: Request, context: HostRequestContext) async throws -> Envelope<Page<SyncedRecord>> {
        let tenantId = try context.requireTenant()
        let connection = try await services.connections.connection(try context.parameters.require("connectionId"), tenantId: tenantId)
        let paging = try Paging(request.uri.queryParameters, defaultLimit: 100)
        guard let after = Int64(paging.after ?? "0"), after >= 0 else {
            throw APIError.invalidRequest("cursor must be a nextCursor from this feed.", details: ["field": "cursor"])
        }
        let records = try await storeCall { () async throws(StoreError) in
            try await services.store.syncedRecords(tenantId: tenantId, connectionId: connection.id, afterSequence: after, limit: paging.limit)
        }
        // The feed never ends: the last sequence is where to continue, even when the page is short.
        return Envelope(Page(items: records, nextCursor: String(records.last?.sequence ?? after)))
    }

    private func job(_ request: Request, _ context: HostRequestContext) async throws -> SyncJobRecord {
        let tenantId = try context.requireTenant()
        let jobId = try context.parameters.require("jobId")
        guard let job = try await storeCall({ () async throws(StoreError) in try await services.store.job(id: jobId, tenantId: tenantId) }),
            job.connectorId == (try context.parameters.require("id"))
        else { throw APIError.notFound("job", jobId) }
        return job
    }
}

/// Runs a store call, turning its error into the API's.
@discardableResult
func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch {
        throw APIError(error)
    }
}
