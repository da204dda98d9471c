#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What sync jobs and webhooks persist. Tenant-owned like everything else;
/// job leases make sure only one host runs a given job.
public protocol SyncStore: Sendable {
    // MARK: Jobs

    func insertJob(_ job: SyncJobRecord) async throws(StoreError)
    func job(id: String, tenantId: String) async throws(StoreError) -> SyncJobRecord?
    /// The unfinished job of a connection's stream, if any.
    func activeJob(connectionId: String, tenantId: String, stream: String) async throws(StoreError) -> SyncJobRecord?
    /// Atomically hands the oldest runnable job (queued, or running with an expired lease) to `owner` until `until`.
    func leaseNextJob(owner: String, until: Date, now: Date) async throws(StoreError) -> SyncJobRecord?
    /// Saves the runner's progress and returns the stored job (with any cancellation
    /// requested meanwhile); nil when `owner` no longer holds the lease (another host took over).
    func updateJob(_ job: SyncJobRecord, leasedBy owner: String) async throws(StoreError) -> SyncJobRecord?
    /// Flags an unfinished job for cancellation; the runner stops after the current page. Returns the job.
    func requestJobCancellation(id: String, tenantId: String) async throws(StoreError) -> SyncJobRecord?

    // MARK: Synced records

    /// Inserts or replaces records by (tenant, connection, kind, id), each with a new, higher sequence.
    func upsertSyncedRecords(_ records: [SyncedRecord]) async throws(StoreError)
    /// Marks records deleted at the provider (they stay in the feed as tombstones).
    func markSyncedRecordsDeleted(tenantId: String, connectionId: String, ids: [String], at: Date) async throws(StoreError)
    /// The changes feed: records written after `afterSequence`, in sequence order.
    func syncedRecords(tenantId: String, connectionId: String, afterSequence: Int64, limit: Int) async throws(StoreError) -> [SyncedRecord]

    // MARK: Webhooks

    func insertWebhook(_ webhook: WebhookRecord) async throws(StoreError)
    /// By id alone: provider deliveries arrive without a tenant; the record names it.
    func webhook(id: String) async throws(StoreError) -> WebhookRecord?
    func webhooks(tenantId: String, connectionId: String) async throws(StoreError) -> [WebhookRecord]
    @discardableResult
    func updateWebhook(_ webhook: WebhookRecord) async throws(StoreError) -> Bool
    @discardableResult
    func deleteWebhook(id: String, tenantId: String) async throws(StoreError) -> Bool
    /// Subscriptions whose provider registration expires before `before` (to refresh them).
    func webhooksExpiring(before: Date) async throws(StoreError) -> [WebhookRecord]
    /// Every subscription across tenants, ordered by id (key rotation only).
    func allWebhooks(afterId: String?, limit: Int) async throws(StoreError) -> [WebhookRecord]

    // MARK: Webhook deliveries (the outbox)

    func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError)
    /// The delivery due soonest (`nextAttemptAt` at or before `now`), in the
    /// same step counted as attempted once more and its `nextAttemptAt` moved
    /// to `until`, so one host at a time attempts it and an attempt its host
    /// died in still counts.
    func claimDueWebhookDelivery(now: Date, until: Date) async throws(StoreError) -> WebhookDeliveryRecord?
    /// Replaces the delivery with the same id (a failed attempt rescheduled).
    func saveWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError)
    @discardableResult
    func deleteWebhookDelivery(id: String) async throws(StoreError) -> Bool
}
