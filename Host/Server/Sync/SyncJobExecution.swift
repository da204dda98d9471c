import ConnectorModel
import Logging
import Store

import struct Foundation.Date

/// One leased job, page by page: records first, then the checkpoint, so a job
/// killed between the two re-reads one page and stores it again (by id, so
/// nothing is duplicated) instead of skipping it.
struct SyncJobExecution {
    let runner: SyncJobRunner
    var job: SyncJobRecord

    init(runner: SyncJobRunner, job: SyncJobRecord) {
        self.runner = runner
        self.job = job
    }

    var streamKey: String { job.stream + (job.containerId.map { ":" + $0 } ?? "") }

    mutating func run() async {
        let logger = runner.logger.with(job)
        logger.info("sync job started", metadata: ["pages": .stringConvertible(job.pages)])
        do {
            var checkpoint = try await startingCheckpoint()
            while true {
                // Read before every page: a connection revoked while its job runs stops the job, saying so.
                let connection = try await runner.connections.usableConnection(job.connectionId, of: job.connectorId, tenantId: job.tenantId)
                let page = try await runner.connected.call(
                    connection, .syncPage,
                    input: SyncPageRequest(mode: job.mode, stream: job.stream, containerId: job.containerId, checkpoint: checkpoint, limit: runner.pageSize),
                    requestId: job.requestId ?? job.id, as: SyncPage.self)
                try await store(page)
                checkpoint = page.checkpoint
                job.checkpoint = page.checkpoint
                job.pages += 1
                job.records += page.records.count
                job.deleted += page.deletedIds.count
                if !page.hasMore { job.status = .succeeded }
                guard try await save() else {
                    logger.warning("sync job lease lost to another host; stopping here")
                    return
                }
                if job.status == .succeeded { break }
                if job.cancelRequested {
                    job.status = .cancelled
                    break
                }
            }
        } catch where Task.isCancelled {
            // The host is shutting down: leave the job running with an expired lease, so the
            // next host to look (this one after a restart, or another) resumes it at once.
            job.leaseUntil = Date()
            job.updatedAt = Date()
            _ = try? await runner.store.updateJob(job, leasedBy: runner.owner)
            logger.info("sync job handed back for resumption", metadata: ["pages": .stringConvertible(job.pages)])
            return
        } catch let error as APIError {
            job.status = .failed
            job.error = ErrorDocument(code: error.code, message: error.message, details: error.details)
        } catch let error as StoreError {
            job.status = .failed
            job.error = ErrorDocument(code: "store_unavailable", message: error.message)
        } catch {
            job.status = .failed
            job.error = ErrorDocument(code: "internal_error", message: "The sync job failed unexpectedly.")
        }
        job.finishedAt = Date()
        job.leaseUntil = nil
        _ = try? await save()
        logger.info(
            "sync job finished",
            metadata: ["status": .string(job.status.rawValue), "pages": .stringConvertible(job.pages), "records": .stringConvertible(job.records)])
    }

    /// The job's own checkpoint when resuming; for a new incremental job, the stream's last checkpoint.
    private func startingCheckpoint() async throws(StoreError) -> JSONValue? {
        if let checkpoint = job.checkpoint { return checkpoint }
        guard job.mode == .incremental else { return nil }
        return try await runner.store.syncState(connectionId: job.connectionId, tenantId: job.tenantId, stream: streamKey)?.checkpoint
    }

    private func store(_ page: SyncPage) async throws(StoreError) {
        let now = Date()
        try await runner.store.upsertSyncedRecords(
            page.records.map { record in
                SyncedRecord(
                    tenantId: job.tenantId, connectionId: job.connectionId, kind: record.kind, id: record.id, updatedAt: record.updatedAt,
                    data: record.data, syncedAt: now)
            })
        try await runner.store.markSyncedRecordsDeleted(tenantId: job.tenantId, connectionId: job.connectionId, ids: page.deletedIds, at: now)
        try await runner.store.saveSyncState(
            SyncStateRecord(tenantId: job.tenantId, connectionId: job.connectionId, stream: streamKey, checkpoint: page.checkpoint, updatedAt: now))
    }

    /// Saves progress and renews the lease; false when another host holds it now.
    private mutating func save() async throws(StoreError) -> Bool {
        if !job.status.isFinished { job.leaseUntil = Date().addingTimeInterval(runner.lease.seconds) }
        job.updatedAt = Date()
        guard let stored = try await runner.store.updateJob(job, leasedBy: runner.owner) else { return false }
        job.cancelRequested = stored.cancelRequested
        return true
    }
}

extension Logger {
    func with(_ job: SyncJobRecord) -> Logger {
        var logger = self
        logger[metadataKey: "jobId"] = .string(job.id)
        logger[metadataKey: "tenantId"] = .string(job.tenantId)
        logger[metadataKey: "connectionId"] = .string(job.connectionId)
        logger[metadataKey: "connector"] = .string(job.connectorId)
        if let requestId = job.requestId { logger[metadataKey: "requestId"] = .string(requestId) }
        return logger
    }
}
