import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Synced records (`_id` = tenant/connection/kind/id) and their changes feed.
///
/// Each write takes its sequence from an atomic counter (one findAndModify
/// per batch), then upserts the records. Unlike SQLite's single transaction
/// this is two steps: a batch interrupted halfway leaves the records written
/// so far (the job re-runs from its checkpoint and upserts are idempotent),
/// and a feed reader polling while two batches of the same connection are
/// written at once could pass over the one that reserved its numbers first.
/// Closing that gap takes multi-document transactions (a replica set).
extension MongoStore {
    static let sequenceCounter = "synced_records"

    public func upsertSyncedRecords(_ records: [SyncedRecord]) async throws(StoreError) {
        guard !records.isEmpty else { return }
        let first = try await reserveSequences(records.count)
        var documents: [(id: String, document: BSONDocument)] = []
        for (offset, record) in records.enumerated() {
            var numbered = record
            numbered.sequence = first + Int64(offset)
            let id = MongoKey.join([record.tenantId, record.connectionId, record.kind, record.id])
            documents.append((id, try MongoRecordCoding.document(numbered, id: id)))
        }
        try await replaceAll(documents)
    }

    public func markSyncedRecordsDeleted(tenantId: String, connectionId: String, ids: [String], at date: Date) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        let filter: BSONDocument = [
            "tenantId": .string(tenantId), "connectionId": .string(connectionId), "id": .document(["$in": .array(ids.map(BSONValue.string))]),
            "deleted": false,
        ]
        let found = try await perform { [filter] connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.syncedRecords.rawValue, filter: filter, sort: ["id": 1, "kind": 1])
        }
        guard !found.isEmpty else { return }
        let first = try await reserveSequences(found.count)
        var documents: [(id: String, document: BSONDocument)] = []
        for (offset, stored) in found.enumerated() {
            var record = try MongoRecordCoding.record(SyncedRecord.self, from: stored)
            record.deleted = true
            record.syncedAt = date
            record.sequence = first + Int64(offset)
            let id = MongoKey.join([record.tenantId, record.connectionId, record.kind, record.id])
            documents.append((id, try MongoRecordCoding.document(record, id: id)))
        }
        try await replaceAll(documents)
    }

    public func syncedRecords(tenantId: String, connectionId: String, afterSequence: Int64, limit: Int) async throws(StoreError) -> [SyncedRecord] {
        guard limit > 0 else { return [] }
        let filter: BSONDocument = [
            "tenantId": .string(tenantId), "connectionId": .string(connectionId), "sequence": .document(["$gt": .int64(afterSequence)]),
        ]
        let documents = try await perform { connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.syncedRecords.rawValue, filter: filter, sort: ["sequence": 1], limit: limit)
        }
        return try MongoRecordCoding.records(SyncedRecord.self, from: documents)
    }

    /// Takes `count` consecutive sequence numbers and returns the first.
    private func reserveSequences(_ count: Int) async throws(StoreError) -> Int64 {
        let counter = try await perform { connection throws(MongoFailure) in
            try connection.findAndModify(
                in: MongoCollection.counters.rawValue, query: ["_id": .string(Self.sequenceCounter)],
                update: ["$inc": .document(["value": .int64(Int64(count))])], upsert: true)
        }
        guard let last = counter?["value"]?.integerValue else {
            throw StoreError(.corrupt, "the \(Self.sequenceCounter) counter has no numeric value")
        }
        return last - Int64(count) + 1
    }

    /// Upserts each document by `_id`, in order, on one store thread.
    private func replaceAll(_ documents: [(id: String, document: BSONDocument)]) async throws(StoreError) {
        let pairs = documents.map { entry -> (filter: BSONDocument, document: BSONDocument) in (["_id": .string(entry.id)], entry.document) }
        try await perform { connection throws(MongoFailure) in
            for (filter, document) in pairs {
                _ = try connection.replace(in: MongoCollection.syncedRecords.rawValue, filter: filter, with: document, upsert: true)
            }
        }
    }
}
