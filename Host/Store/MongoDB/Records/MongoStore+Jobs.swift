import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sync jobs (`_id` = job id). Leasing and cancelling are single
/// findAndModify calls; saving progress is a compare-and-swap on the lease
/// holder and the cancellation flag, so neither a new lease holder nor a
/// cancellation request is ever overwritten.
extension MongoStore: SyncStore {
    public func insertJob(_ job: SyncJobRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(job, id: job.id)
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.syncJobs.rawValue)
        }
    }

    public func job(id: String, tenantId: String) async throws(StoreError) -> SyncJobRecord? {
        try await findOne(SyncJobRecord.self, in: .syncJobs, ["_id": .string(id), "tenantId": .string(tenantId)])
    }

    public func activeJob(connectionId: String, tenantId: String, stream: String) async throws(StoreError) -> SyncJobRecord? {
        try await findOne(
            SyncJobRecord.self, in: .syncJobs,
            ["tenantId": .string(tenantId), "connectionId": .string(connectionId), "stream": .string(stream), "status": Self.unfinished])
    }

    public func leaseNextJob(owner: String, until: Date, now: Date) async throws(StoreError) -> SyncJobRecord? {
        let nowMs = StoreCoding.milliseconds(now)
        let query: BSONDocument = [
            "status": Self.unfinished,
            "$or": .array([.document(["leaseUntil": .null]), .document(["leaseUntil": .document(["$lt": .int64(nowMs)])])]),
        ]
        let update: BSONDocument = [
            "$set": .document([
                "status": .string(SyncJobRecord.Status.running.rawValue), "leaseOwner": .string(owner),
                "leaseUntil": .int64(StoreCoding.milliseconds(until)), "updatedAt": .int64(nowMs),
            ]),
            // Set when missing, kept when earlier: the time the job first started.
            "$min": .document(["startedAt": .int64(nowMs)]),
        ]
        return try await findAndModifyJob(query, sort: ["createdAt": 1], update: update)
    }

    public func updateJob(_ job: SyncJobRecord, leasedBy owner: String) async throws(StoreError) -> SyncJobRecord? {
        // Only a cancellation request (false to true, once) or a new lease can race
        // with the holder's save; each retry sees one of them, so two rounds suffice.
        for _ in 0..<3 {
            guard let stored = try await self.job(id: job.id, tenantId: job.tenantId), stored.leaseOwner == owner else { return nil }
            var updated = job
            updated.cancelRequested = job.cancelRequested || stored.cancelRequested
            let document = try MongoRecordCoding.document(updated, id: job.id)
            let filter: BSONDocument = [
                "_id": .string(job.id), "tenantId": .string(job.tenantId), "leaseOwner": .string(owner),
                "cancelRequested": .bool(stored.cancelRequested),
            ]
            let matched = try await perform { connection throws(MongoFailure) in
                try connection.replace(in: MongoCollection.syncJobs.rawValue, filter: filter, with: document, upsert: false)
            }
            if matched > 0 { return updated }
        }
        throw StoreError(.unavailable, "sync job \(job.id) kept changing while its progress was saved; retry")
    }

    public func requestJobCancellation(id: String, tenantId: String) async throws(StoreError) -> SyncJobRecord? {
        let now = Date()
        let nowMs = StoreCoding.milliseconds(now)
        let key: BSONDocument = ["_id": .string(id), "tenantId": .string(tenantId)]
        // A queued job is cancelled at once; a running one is flagged for its runner.
        if let cancelled = try await findAndModifyJob(
            key.with("status", .string(SyncJobRecord.Status.queued.rawValue)),
            update: [
                "$set": .document([
                    "status": .string(SyncJobRecord.Status.cancelled.rawValue), "cancelRequested": true,
                    "finishedAt": .int64(nowMs), "updatedAt": .int64(nowMs),
                ])
            ])
        {
            return cancelled
        }
        if let flagged = try await findAndModifyJob(
            key.with("status", .string(SyncJobRecord.Status.running.rawValue)),
            update: ["$set": .document(["cancelRequested": true, "updatedAt": .int64(nowMs)])])
        {
            return flagged
        }
        // Finished (or finishing just now), or not this tenant's: as it is.
        return try await job(id: id, tenantId: tenantId)
    }

    private static let unfinished: BSONValue = .document([
        "$in": .array([.string(SyncJobRecord.Status.queued.rawValue), .string(SyncJobRecord.Status.running.rawValue)])
    ])

    private func findAndModifyJob(_ query: BSONDocument, sort: BSONDocument = [:], update: BSONDocument) async throws(StoreError) -> SyncJobRecord? {
        let document = try await perform { connection throws(MongoFailure) in
            try connection.findAndModify(in: MongoCollection.syncJobs.rawValue, query: query, sort: sort, update: update)
        }
        return try document.map { document throws(StoreError) in try MongoRecordCoding.record(SyncJobRecord.self, from: document) }
    }
}

extension BSONDocument {
    /// This document with one more field.
    func with(_ key: String, _ value: BSONValue) -> BSONDocument {
        var copy = self
        copy.append(key, value)
        return copy
    }
}
