import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Webhook subscriptions (`_id` = subscription id). Looked up by id alone for
/// provider deliveries (the record names its tenant); everything else is
/// tenant-scoped.
extension MongoStore {
    public func insertWebhook(_ webhook: WebhookRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(webhook, id: webhook.id)
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.webhooks.rawValue)
        }
    }

    public func webhook(id: String) async throws(StoreError) -> WebhookRecord? {
        try await findOne(WebhookRecord.self, in: .webhooks, ["_id": .string(id)])
    }

    public func webhooks(tenantId: String, connectionId: String) async throws(StoreError) -> [WebhookRecord] {
        try await findAll(WebhookRecord.self, in: .webhooks, ["tenantId": .string(tenantId), "connectionId": .string(connectionId)], sort: ["id": 1])
    }

    public func updateWebhook(_ webhook: WebhookRecord) async throws(StoreError) -> Bool {
        let document = try MongoRecordCoding.document(webhook, id: webhook.id)
        let filter: BSONDocument = ["_id": .string(webhook.id), "tenantId": .string(webhook.tenantId)]
        return try await perform { connection throws(MongoFailure) in
            try connection.replace(in: MongoCollection.webhooks.rawValue, filter: filter, with: document, upsert: false) > 0
        }
    }

    public func deleteWebhook(id: String, tenantId: String) async throws(StoreError) -> Bool {
        let filter: BSONDocument = ["_id": .string(id), "tenantId": .string(tenantId)]
        return try await perform { connection throws(MongoFailure) in
            try connection.deleteOne(in: MongoCollection.webhooks.rawValue, filter: filter) > 0
        }
    }

    public func webhooksExpiring(before date: Date) async throws(StoreError) -> [WebhookRecord] {
        // Subscriptions without an expiry have no `expiresAt` field, which `$lt` never matches.
        try await findAll(
            WebhookRecord.self, in: .webhooks, ["expiresAt": .document(["$lt": .int64(StoreCoding.milliseconds(date))])], sort: ["expiresAt": 1])
    }

    public func allWebhooks(afterId: String?, limit: Int) async throws(StoreError) -> [WebhookRecord] {
        guard limit > 0 else { return [] }
        var filter: BSONDocument = [:]
        if let afterId { filter.append("_id", .document(["$gt": .string(afterId)])) }
        let documents = try await perform { [filter] connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.webhooks.rawValue, filter: filter, sort: ["_id": 1], limit: limit)
        }
        return try MongoRecordCoding.records(WebhookRecord.self, from: documents)
    }
}
