import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Audit log (`_id` = entry id), OAuth sessions (`_id` = state, TTL on
/// `expireAt`) and host API keys (`_id` = key id, unique `keyHash`).
extension MongoStore {
    /// Sessions linger this long past expiry, so a late callback is told "expired",
    /// not "unknown" (as in the SQLite store).
    static let oauthSessionGrace: TimeInterval = 3_600

    public func appendAudit(_ record: AuditLogRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(record, id: record.id)
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.auditLogs.rawValue)
        }
    }

    public func auditLogs(tenantId: String, beforeId: String?, limit: Int) async throws(StoreError) -> [AuditLogRecord] {
        guard limit > 0 else { return [] }
        var filter: BSONDocument = ["tenantId": .string(tenantId)]
        if let beforeId { filter.append("id", .document(["$lt": .string(beforeId)])) }
        let documents = try await perform { [filter] connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.auditLogs.rawValue, filter: filter, sort: ["id": -1], limit: limit)
        }
        return try MongoRecordCoding.records(AuditLogRecord.self, from: documents)
    }

    public func insertOAuthSession(_ record: OAuthSessionRecord) async throws(StoreError) {
        let expireAt = StoreCoding.milliseconds(record.expiresAt.addingTimeInterval(Self.oauthSessionGrace))
        let document = try MongoRecordCoding.document(record, id: record.state, extra: ["expireAt": .date(milliseconds: expireAt)])
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.oauthSessions.rawValue)
        }
    }

    public func oauthSession(state: String) async throws(StoreError) -> OAuthSessionRecord? {
        try await findOne(OAuthSessionRecord.self, in: .oauthSessions, ["_id": .string(state), "expireAt": Self.notExpired()])
    }

    public func consumeOAuthSession(state: String, tenantId: String, at date: Date) async throws(StoreError) -> OAuthSessionRecord? {
        // One findAndModify: the filter only matches an unconsumed session, so of
        // concurrent callers exactly one gets the document back.
        let query: BSONDocument = ["_id": .string(state), "tenantId": .string(tenantId), "consumedAt": .null, "expireAt": Self.notExpired()]
        let update: BSONDocument = ["$set": .document(["consumedAt": .int64(StoreCoding.milliseconds(date))])]
        let document = try await perform { connection throws(MongoFailure) in
            try connection.findAndModify(in: MongoCollection.oauthSessions.rawValue, query: query, update: update)
        }
        return try document.map { document throws(StoreError) in try MongoRecordCoding.record(OAuthSessionRecord.self, from: document) }
    }

    public func insertAPIKey(_ record: APIKeyRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(record, id: record.id)
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.apiKeys.rawValue)
        }
    }

    public func apiKey(hash: String) async throws(StoreError) -> APIKeyRecord? {
        try await findOne(APIKeyRecord.self, in: .apiKeys, ["keyHash": .string(hash)])
    }

    /// MongoDB's TTL monitor runs about once a minute, so reads also skip
    /// sessions past `expireAt` themselves: expired is gone, whenever the purge runs.
    private static func notExpired() -> BSONValue {
        .document(["$gt": .date(milliseconds: StoreCoding.milliseconds(Date()))])
    }
}
