import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SQLiteStore: SyncStore {
    // MARK: Jobs

    public func insertJob(_ job: SyncJobRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(job)
        try await perform { session throws(StoreError) in
            try session.run(
                "INSERT INTO sync_jobs (id, tenant_id, connection_id, stream, status, lease_until, created_at, doc) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
                [
                    .text(job.id), .text(job.tenantId), .text(job.connectionId), .text(job.stream), .text(job.status.rawValue),
                    .integer(StoreCoding.milliseconds(job.createdAt)), .text(document),
                ])
        }
    }

    public func job(id: String, tenantId: String) async throws(StoreError) -> SyncJobRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(SyncJobRecord.self, "SELECT doc FROM sync_jobs WHERE id = ? AND tenant_id = ?", [.text(id), .text(tenantId)]).first
        }
    }

    public func activeJob(connectionId: String, tenantId: String, stream: String) async throws(StoreError) -> SyncJobRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(
                SyncJobRecord.self,
                "SELECT doc FROM sync_jobs WHERE tenant_id = ? AND connection_id = ? AND stream = ? AND status IN ('queued', 'running') LIMIT 1",
                [.text(tenantId), .text(connectionId), .text(stream)]
            ).first
        }
    }

    public func leaseNextJob(owner: String, until: Date, now: Date) async throws(StoreError) -> SyncJobRecord? {
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) -> SyncJobRecord? in
                guard
                    var job = try session.documents(
                        SyncJobRecord.self,
                        """
                        SELECT doc FROM sync_jobs
                        WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < ?)
                        ORDER BY created_at LIMIT 1
                        """,
                        [.integer(StoreCoding.milliseconds(now))]
                    ).first
                else { return nil }
                job.status = .running
                job.leaseOwner = owner
                job.leaseUntil = until
                job.startedAt = job.startedAt ?? now
                job.updatedAt = now
                try session.run(
                    "UPDATE sync_jobs SET status = ?, lease_until = ?, doc = ? WHERE id = ?",
                    [.text(job.status.rawValue), .integer(StoreCoding.milliseconds(until)), .text(try StoreCoding.encode(job)), .text(job.id)])
                return job
            }
        }
    }

    public func updateJob(_ job: SyncJobRecord, leasedBy owner: String) async throws(StoreError) -> SyncJobRecord? {
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) -> SyncJobRecord? in
                guard
                    let stored = try session.documents(
                        SyncJobRecord.self, "SELECT doc FROM sync_jobs WHERE id = ? AND tenant_id = ?", [.text(job.id), .text(job.tenantId)]
                    ).first, stored.leaseOwner == owner
                else { return nil }
                var updated = job
                updated.cancelRequested = job.cancelRequested || stored.cancelRequested
                try session.run(
                    "UPDATE sync_jobs SET status = ?, lease_until = ?, doc = ? WHERE id = ?",
                    [
                        .text(updated.status.rawValue), updated.leaseUntil.map { .integer(StoreCoding.milliseconds($0)) } ?? .null,
                        .text(try StoreCoding.encode(updated)), .text(updated.id),
                    ])
                return updated
            }
        }
    }

    public func requestJobCancellation(id: String, tenantId: String) async throws(StoreError) -> SyncJobRecord? {
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) -> SyncJobRecord? in
                guard
                    var job = try session.documents(
                        SyncJobRecord.self, "SELECT doc FROM sync_jobs WHERE id = ? AND tenant_id = ?", [.text(id), .text(tenantId)]
                    ).first
                else { return nil }
                guard !job.status.isFinished else { return job }
                // Whole milliseconds, as stored, so the job returned equals the job read back.
                let now = Date(timeIntervalSince1970: Double(StoreCoding.milliseconds(Date())) / 1000)
                job.cancelRequested = true
                if job.status == .queued {
                    job.status = .cancelled
                    job.finishedAt = now
                }
                job.updatedAt = now
                try session.run(
                    "UPDATE sync_jobs SET status = ?, doc = ? WHERE id = ?", [.text(job.status.rawValue), .text(try StoreCoding.encode(job)), .text(id)])
                return job
            }
        }
    }

    // MARK: Synced records

    public func upsertSyncedRecords(_ records: [SyncedRecord]) async throws(StoreError) {
        guard !records.isEmpty else { return }
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) in
                for var record in records {
                    record.sequence = try Self.nextSequence(session)
                    try session.run(
                        """
                        INSERT INTO synced_records (tenant_id, connection_id, kind, record_id, sequence, doc) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, connection_id, kind, record_id) DO UPDATE SET sequence = excluded.sequence, doc = excluded.doc
                        """,
                        [
                            .text(record.tenantId), .text(record.connectionId), .text(record.kind), .text(record.id), .integer(record.sequence),
                            .text(try StoreCoding.encode(record)),
                        ])
                }
            }
        }
    }

    public func markSyncedRecordsDeleted(tenantId: String, connectionId: String, ids: [String], at date: Date) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) in
                for id in ids {
                    let existing = try session.documents(
                        SyncedRecord.self, "SELECT doc FROM synced_records WHERE tenant_id = ? AND connection_id = ? AND record_id = ?",
                        [.text(tenantId), .text(connectionId), .text(id)])
                    for var record in existing where !record.deleted {
                        record.deleted = true
                        record.syncedAt = date
                        record.sequence = try Self.nextSequence(session)
                        try session.run(
                            "UPDATE synced_records SET sequence = ?, doc = ? WHERE tenant_id = ? AND connection_id = ? AND kind = ? AND record_id = ?",
                            [
                                .integer(record.sequence), .text(try StoreCoding.encode(record)), .text(tenantId), .text(connectionId), .text(record.kind),
                                .text(id),
                            ])
                    }
                }
            }
        }
    }

    public func syncedRecords(tenantId: String, connectionId: String, afterSequence: Int64, limit: Int) async throws(StoreError) -> [SyncedRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                SyncedRecord.self,
                "SELECT doc FROM synced_records WHERE tenant_id = ? AND connection_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
                [.text(tenantId), .text(connectionId), .integer(afterSequence), .integer(Int64(limit))])
        }
    }

    /// The next value of the changes-feed counter (inside the caller's transaction).
    private static func nextSequence(_ session: Session) throws(StoreError) -> Int64 {
        try session.run("INSERT INTO counters (name, value) VALUES ('synced_records', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1", [])
        guard let value = try session.rows("SELECT value FROM counters WHERE name = 'synced_records'", []).first?.integer("value") else {
            throw StoreError(.corrupt, "the synced-records counter is missing")
        }
        return value
    }

    // MARK: Webhooks

    public func insertWebhook(_ webhook: WebhookRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(webhook)
        try await perform { session throws(StoreError) in
            try session.run(
                "INSERT INTO webhooks (id, tenant_id, connection_id, expires_at, doc) VALUES (?, ?, ?, ?, ?)",
                [
                    .text(webhook.id), .text(webhook.tenantId), .text(webhook.connectionId),
                    webhook.expiresAt.map { .integer(StoreCoding.milliseconds($0)) } ?? .null, .text(document),
                ])
        }
    }

    public func webhook(id: String) async throws(StoreError) -> WebhookRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(WebhookRecord.self, "SELECT doc FROM webhooks WHERE id = ?", [.text(id)]).first
        }
    }

    public func webhooks(tenantId: String, connectionId: String) async throws(StoreError) -> [WebhookRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                WebhookRecord.self, "SELECT doc FROM webhooks WHERE tenant_id = ? AND connection_id = ? ORDER BY id",
                [.text(tenantId), .text(connectionId)])
        }
    }

    public func updateWebhook(_ webhook: WebhookRecord) async throws(StoreError) -> Bool {
        let document = try StoreCoding.encode(webhook)
        return try await perform { session throws(StoreError) in
            try session.run(
                "UPDATE webhooks SET expires_at = ?, doc = ? WHERE id = ? AND tenant_id = ?",
                [webhook.expiresAt.map { .integer(StoreCoding.milliseconds($0)) } ?? .null, .text(document), .text(webhook.id), .text(webhook.tenantId)])
            return session.connection.changes > 0
        }
    }

    public func deleteWebhook(id: String, tenantId: String) async throws(StoreError) -> Bool {
        try await perform { session throws(StoreError) in
            try session.run("DELETE FROM webhooks WHERE id = ? AND tenant_id = ?", [.text(id), .text(tenantId)])
            return session.connection.changes > 0
        }
    }

    public func webhooksExpiring(before date: Date) async throws(StoreError) -> [WebhookRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                WebhookRecord.self, "SELECT doc FROM webhooks WHERE expires_at IS NOT NULL AND expires_at < ? ORDER BY expires_at",
                [.integer(StoreCoding.milliseconds(date))])
        }
    }

    public func allWebhooks(afterId: String?, limit: Int) async throws(StoreError) -> [WebhookRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                WebhookRecord.self, "SELECT doc FROM webhooks WHERE id > ? ORDER BY id LIMIT ?", [.text(afterId ?? ""), .integer(Int64(limit))])
        }
    }

    // MARK: Webhook deliveries

    public func insertWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(delivery)
        try await perform { session throws(StoreError) in
            try session.run(
                "INSERT INTO webhook_deliveries (id, next_attempt_at, doc) VALUES (?, ?, ?)",
                [.text(delivery.id), .integer(StoreCoding.milliseconds(delivery.nextAttemptAt)), .text(document)])
        }
    }

    public func claimDueWebhookDelivery(now: Date, until: Date) async throws(StoreError) -> WebhookDeliveryRecord? {
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) -> WebhookDeliveryRecord? in
                guard
                    var delivery = try session.documents(
                        WebhookDeliveryRecord.self, "SELECT doc FROM webhook_deliveries WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 1",
                        [.integer(StoreCoding.milliseconds(now))]
                    ).first
                else { return nil }
                delivery.attempts += 1
                delivery.nextAttemptAt = until
                try session.run(
                    "UPDATE webhook_deliveries SET next_attempt_at = ?, doc = ? WHERE id = ?",
                    [.integer(StoreCoding.milliseconds(until)), .text(try StoreCoding.encode(delivery)), .text(delivery.id)])
                return delivery
            }
        }
    }

    public func saveWebhookDelivery(_ delivery: WebhookDeliveryRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(delivery)
        try await perform { session throws(StoreError) in
            try session.run(
                "UPDATE webhook_deliveries SET next_attempt_at = ?, doc = ? WHERE id = ?",
                [.integer(StoreCoding.milliseconds(delivery.nextAttemptAt)), .text(document), .text(delivery.id)])
        }
    }

    public func deleteWebhookDelivery(id: String) async throws(StoreError) -> Bool {
        try await perform { session throws(StoreError) in
            try session.run("DELETE FROM webhook_deliveries WHERE id = ?", [.text(id)])
            return session.connection.changes > 0
        }
    }
}
