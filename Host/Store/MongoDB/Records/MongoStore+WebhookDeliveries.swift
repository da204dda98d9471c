import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The webhook outbox (`_id` = delivery id). Claiming is one findAndModify,
/// so two hosts never attempt the same delivery at once.
extension MongoStore {
    public func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(delivery, id: delivery.id)
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.webhookDeliveries.rawValue)
        }
    }

    public func claimDueWebhookDelivery(now: Date, until: Date) async throws(StoreError) -> WebhookDeliveryRecord? {
        let query: BSONDocument = ["nextAttemptAt": .document(["$lte": .int64(StoreCoding.milliseconds(now))])]
        let update: BSONDocument = [
            "$set": .document(["nextAttemptAt": .int64(StoreCoding.milliseconds(until))]), "$inc": .document(["attempts": .int64(1)]),
        ]
        let document = try await perform { connection throws(MongoFailure) in
            try connection.findAndModify(
                in: MongoCollection.webhookDeliveries.rawValue, query: query, sort: ["nextAttemptAt": 1], update: update)
        }
        return try document.map { document throws(StoreError) in try MongoRecordCoding.record(WebhookDeliveryRecord.self, from: document) }
    }

    public func saveWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(delivery, id: delivery.id)
        try await perform { connection throws(MongoFailure) in
            _ = try connection.replace(
                in: MongoCollection.webhookDeliveries.rawValue, filter: ["_id": .string(delivery.id)], with: document, upsert: false)
        }
    }

    public func deleteWebhookDelivery(id: String) async throws(StoreError) -> Bool {
        try await perform { connection throws(MongoFailure) in
            try connection.deleteOne(in: MongoCollection.webhookDeliveries.rawValue, filter: ["_id": .string(id)]) > 0
        }
    }
}
