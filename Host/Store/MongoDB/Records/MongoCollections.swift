/// The store's collections and their indexes. Names follow the original
/// service (connections, tokens, sync_states, audit_logs); the rest are new.
enum MongoCollection: String, CaseIterable, Sendable {
    case connectorSettings = "connector_settings"
    case connections
    case tokens
    case syncStates = "sync_states"
    case auditLogs = "audit_logs"
    case oauthSessions = "oauth_sessions"
    case apiKeys = "api_keys"
    case syncJobs = "sync_jobs"
    case syncedRecords = "synced_records"
    /// Named counters (`_id` = name), incremented atomically: the changes feed's sequence.
    case counters
    case webhooks
    case webhookDeliveries = "webhook_deliveries"

    /// Secondary indexes (`_id` is always there). Fields are the records' own
    /// JSON names. Where `_id` already makes a key unique (a connection's or an
    /// audit entry's id) the index only serves the tenant-scoped, ordered queries.
    var indexes: [MongoIndex] {
        switch self {
        case .connectorSettings, .counters:
            return []
        case .connections:
            return [
                MongoIndex(name: "tenant_connector_id", keys: ["tenantId", "connectorId", "id"]),
                MongoIndex(name: "tenant_id", keys: ["tenantId", "id"]),
            ]
        case .tokens:
            return [MongoIndex(name: "connection_id", keys: ["connectionId"])]
        case .syncStates:
            return [MongoIndex(name: "tenant_connection_stream", keys: ["tenantId", "connectionId", "stream"])]
        case .auditLogs:
            return [MongoIndex(name: "tenant_id", keys: ["tenantId", "id"])]
        case .oauthSessions:
            // TTL: MongoDB deletes a session once `expireAt` (expiry plus grace) has passed.
            return [MongoIndex(name: "expire_at_ttl", keys: ["expireAt"], expireAfterSeconds: 0)]
        case .apiKeys:
            return [MongoIndex(name: "key_hash_unique", keys: ["keyHash"], unique: true)]
        case .syncJobs:
            return [
                MongoIndex(name: "runnable", keys: ["status", "createdAt"]),
                MongoIndex(name: "tenant_connection_stream_status", keys: ["tenantId", "connectionId", "stream", "status"]),
            ]
        case .syncedRecords:
            return [
                MongoIndex(name: "feed", keys: ["tenantId", "connectionId", "sequence"]),
                MongoIndex(name: "tenant_connection_id", keys: ["tenantId", "connectionId", "id"]),
            ]
        case .webhooks:
            return [
                MongoIndex(name: "tenant_connection_id", keys: ["tenantId", "connectionId", "id"]),
                MongoIndex(name: "expires_at", keys: ["expiresAt"]),
            ]
        case .webhookDeliveries:
            return [MongoIndex(name: "next_attempt_at", keys: ["nextAttemptAt"])]
        }
    }
}

/// One ascending index.
struct MongoIndex: Sendable, Equatable {
    var name: String
    var keys: [String]
    var unique = false
    var expireAfterSeconds: Int64?

    var specification: BSONDocument {
        var spec: BSONDocument = [
            "key": .document(BSONDocument(keys.map { .init(key: $0, value: .int64(1)) })),
            "name": .string(name),
        ]
        if unique { spec.append("unique", true) }
        if let expireAfterSeconds { spec.append("expireAfterSeconds", .int64(expireAfterSeconds)) }
        return spec
    }
}

extension MongoConnection {
    /// Creates every collection's indexes; a no-op for those that exist.
    func ensureIndexes() throws(MongoFailure) {
        for collection in MongoCollection.allCases where !collection.indexes.isEmpty {
            _ = try command([
                "createIndexes": .string(collection.rawValue),
                "indexes": .array(collection.indexes.map { .document($0.specification) }),
            ])
        }
    }
}
