import Store

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SQLiteStore {
    public func ping() async throws(StoreError) {
        try await perform { session throws(StoreError) in _ = try session.rows("SELECT 1 AS one", []) }
    }

    // MARK: Connector settings

    public func connectorSettings(_ connectorId: String) async throws(StoreError) -> ConnectorSettingsRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(ConnectorSettingsRecord.self, "SELECT doc FROM connector_settings WHERE connector_id = ?", [.text(connectorId)]).first
        }
    }

    public func allConnectorSettings() async throws(StoreError) -> [ConnectorSettingsRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(ConnectorSettingsRecord.self, "SELECT doc FROM connector_settings ORDER BY connector_id", [])
        }
    }

    public func saveConnectorSettings(_ record: ConnectorSettingsRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        try await perform { session throws(StoreError) in
            try session.run(
                "INSERT INTO connector_settings (connector_id, doc) VALUES (?, ?) ON CONFLICT (connector_id) DO UPDATE SET doc = excluded.doc",
                [.text(record.connectorId), .text(document)])
        }
    }

    // MARK: Connections

    public func insertConnection(_ record: ConnectionRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        try await perform { session throws(StoreError) in
            try session.run(
                "INSERT INTO connections (id, tenant_id, connector_id, doc) VALUES (?, ?, ?, ?)",
                [.text(record.id), .text(record.tenantId), .text(record.connectorId), .text(document)])
        }
    }

    public func connection(id: String, tenantId: String) async throws(StoreError) -> ConnectionRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(ConnectionRecord.self, "SELECT doc FROM connections WHERE id = ? AND tenant_id = ?", [.text(id), .text(tenantId)]).first
        }
    }

    public func connections(tenantId: String, connectorId: String?, afterId: String?, limit: Int) async throws(StoreError) -> [ConnectionRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                ConnectionRecord.self,
                """
                SELECT doc FROM connections
                WHERE tenant_id = ? AND (? IS NULL OR connector_id = ?) AND id > ?
                ORDER BY id LIMIT ?
                """,
                [.text(tenantId), .optionalText(connectorId), .optionalText(connectorId), .text(afterId ?? ""), .integer(Int64(limit))])
        }
    }

    public func updateConnection(_ record: ConnectionRecord) async throws(StoreError) -> Bool {
        let document = try StoreCoding.encode(record)
        return try await perform { session throws(StoreError) in
            try session.run(
                "UPDATE connections SET doc = ?, connector_id = ? WHERE id = ? AND tenant_id = ?",
                [.text(document), .text(record.connectorId), .text(record.id), .text(record.tenantId)])
            return session.connection.changes > 0
        }
    }

    // MARK: Tokens

    public func saveToken(_ record: TokenRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        try await perform { session throws(StoreError) in
            try session.run(
                """
                INSERT INTO tokens (tenant_id, connection_id, doc) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, connection_id) DO UPDATE SET doc = excluded.doc
                """,
                [.text(record.tenantId), .text(record.connectionId), .text(document)])
        }
    }

    public func token(connectionId: String, tenantId: String) async throws(StoreError) -> TokenRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(
                TokenRecord.self, "SELECT doc FROM tokens WHERE tenant_id = ? AND connection_id = ?", [.text(tenantId), .text(connectionId)]
            ).first
        }
    }

    public func deleteToken(connectionId: String, tenantId: String) async throws(StoreError) -> Bool {
        try await perform { session throws(StoreError) in
            try session.run("DELETE FROM tokens WHERE tenant_id = ? AND connection_id = ?", [.text(tenantId), .text(connectionId)])
            return session.connection.changes > 0
        }
    }

    public func allTokens(afterConnectionId: String?, limit: Int) async throws(StoreError) -> [TokenRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                TokenRecord.self, "SELECT doc FROM tokens WHERE connection_id > ? ORDER BY connection_id LIMIT ?",
                [.text(afterConnectionId ?? ""), .integer(Int64(limit))])
        }
    }

    // MARK: Sync states

    public func saveSyncState(_ record: SyncStateRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        try await perform { session throws(StoreError) in
            try session.run(
                """
                INSERT INTO sync_states (tenant_id, connection_id, stream, doc) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, connection_id, stream) DO UPDATE SET doc = excluded.doc
                """,
                [.text(record.tenantId), .text(record.connectionId), .text(record.stream), .text(document)])
        }
    }

    public func syncState(connectionId: String, tenantId: String, stream: String) async throws(StoreError) -> SyncStateRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(
                SyncStateRecord.self, "SELECT doc FROM sync_states WHERE tenant_id = ? AND connection_id = ? AND stream = ?",
                [.text(tenantId), .text(connectionId), .text(stream)]
            ).first
        }
    }

    public func syncStates(connectionId: String, tenantId: String) async throws(StoreError) -> [SyncStateRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                SyncStateRecord.self, "SELECT doc FROM sync_states WHERE tenant_id = ? AND connection_id = ? ORDER BY stream",
                [.text(tenantId), .text(connectionId)])
        }
    }

    // MARK: Audit log

    public func appendAudit(_ record: AuditLogRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        try await perform { session throws(StoreError) in
            try session.run("INSERT INTO audit_logs (id, tenant_id, doc) VALUES (?, ?, ?)", [.text(record.id), .text(record.tenantId), .text(document)])
        }
    }

    public func auditLogs(tenantId: String, beforeId: String?, limit: Int) async throws(StoreError) -> [AuditLogRecord] {
        try await perform { session throws(StoreError) in
            try session.documents(
                AuditLogRecord.self,
                "SELECT doc FROM audit_logs WHERE tenant_id = ? AND (? IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
                [.text(tenantId), .optionalText(beforeId), .optionalText(beforeId), .integer(Int64(limit))])
        }
    }

    // MARK: OAuth sessions

    public func insertOAuthSession(_ record: OAuthSessionRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        // Sessions linger an hour past expiry so a late callback is told "expired", not "unknown".
        let purgeBefore = StoreCoding.milliseconds(record.createdAt) - 3_600_000
        try await perform { session throws(StoreError) in
            try session.run("DELETE FROM oauth_sessions WHERE expires_at < ?", [.integer(purgeBefore)])
            try session.run(
                "INSERT INTO oauth_sessions (state, tenant_id, expires_at, consumed_at, doc) VALUES (?, ?, ?, NULL, ?)",
                [.text(record.state), .text(record.tenantId), .integer(StoreCoding.milliseconds(record.expiresAt)), .text(document)])
        }
    }

    public func oauthSession(state: String) async throws(StoreError) -> OAuthSessionRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(OAuthSessionRecord.self, "SELECT doc FROM oauth_sessions WHERE state = ?", [.text(state)]).first
        }
    }

    public func consumeOAuthSession(state: String, tenantId: String, at date: Date) async throws(StoreError) -> OAuthSessionRecord? {
        try await perform { session throws(StoreError) in
            try session.connection.transaction { () throws(StoreError) -> OAuthSessionRecord? in
                guard
                    var record = try session.documents(
                        OAuthSessionRecord.self,
                        "SELECT doc FROM oauth_sessions WHERE state = ? AND tenant_id = ? AND consumed_at IS NULL",
                        [.text(state), .text(tenantId)]
                    ).first
                else { return nil }
                record.consumedAt = date
                try session.run(
                    "UPDATE oauth_sessions SET consumed_at = ?, doc = ? WHERE state = ?",
                    [.integer(StoreCoding.milliseconds(date)), .text(try StoreCoding.encode(record)), .text(state)])
                return record
            }
        }
    }

    // MARK: Host API keys

    public func insertAPIKey(_ record: APIKeyRecord) async throws(StoreError) {
        let document = try StoreCoding.encode(record)
        try await perform { session throws(StoreError) in
            try session.run(
                "INSERT INTO api_keys (id, key_hash, tenant_id, doc) VALUES (?, ?, ?, ?)",
                [.text(record.id), .text(record.keyHash), .text(record.tenantId), .text(document)])
        }
    }

    public func apiKey(hash: String) async throws(StoreError) -> APIKeyRecord? {
        try await perform { session throws(StoreError) in
            try session.documents(APIKeyRecord.self, "SELECT doc FROM api_keys WHERE key_hash = ?", [.text(hash)]).first
        }
    }
}
