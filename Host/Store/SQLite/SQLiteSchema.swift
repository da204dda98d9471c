import Store

/// Tables and indexes, applied in order; `PRAGMA user_version` records how far
/// a database has come, so a newer host upgrades an older file in place.
///
/// Each record is a JSON document (`doc`) plus the key columns queries filter
/// on, the same shape the MongoDB store uses.
enum SQLiteSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE connector_settings (connector_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
        CREATE TABLE connections (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, connector_id TEXT NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX connections_by_tenant ON connections (tenant_id, connector_id, id);
        CREATE TABLE tokens (
            tenant_id TEXT NOT NULL, connection_id TEXT NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (tenant_id, connection_id));
        CREATE INDEX tokens_by_connection ON tokens (connection_id);
        CREATE TABLE sync_states (
            tenant_id TEXT NOT NULL, connection_id TEXT NOT NULL, stream TEXT NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (tenant_id, connection_id, stream));
        CREATE TABLE audit_logs (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX audit_logs_by_tenant ON audit_logs (tenant_id, id);
        CREATE TABLE oauth_sessions (
            state TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, expires_at INTEGER NOT NULL, consumed_at INTEGER,
            doc TEXT NOT NULL);
        CREATE INDEX oauth_sessions_by_expiry ON oauth_sessions (expires_at);
        CREATE TABLE api_keys (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, doc TEXT NOT NULL);
        """,
        """
        CREATE TABLE sync_jobs (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, connection_id TEXT NOT NULL, stream TEXT NOT NULL,
            status TEXT NOT NULL, lease_until INTEGER, created_at INTEGER NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX sync_jobs_runnable ON sync_jobs (status, created_at);
        CREATE INDEX sync_jobs_by_stream ON sync_jobs (tenant_id, connection_id, stream, status);
        CREATE TABLE synced_records (
            tenant_id TEXT NOT NULL, connection_id TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL,
            sequence INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (tenant_id, connection_id, kind, record_id));
        CREATE INDEX synced_records_feed ON synced_records (tenant_id, connection_id, sequence);
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, connection_id TEXT NOT NULL, expires_at INTEGER, doc TEXT NOT NULL);
        CREATE INDEX webhooks_by_connection ON webhooks (tenant_id, connection_id);
        """,
        """
        CREATE TABLE webhook_deliveries (id TEXT PRIMARY KEY, next_attempt_at INTEGER NOT NULL, doc TEXT NOT NULL);
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at);
        """,
    ]

    static func migrate(_ connection: SQLiteConnection) throws(StoreError) {
        let version = try connection.prepare("PRAGMA user_version").rows([]).first?.integer("user_version") ?? 0
        guard version < migrations.count else { return }
        try connection.transaction { () throws(StoreError) in
            for (index, migration) in migrations.enumerated() where index >= version {
                try connection.execute(migration)
            }
            try connection.execute("PRAGMA user_version = \(migrations.count)")
        }
    }
}
