import Store

/// Tokens (`_id` = tenant/connection) and sync states (`_id` =
/// tenant/connection/stream): upserted whole, read by tenant.
extension MongoStore {
    public func saveToken(_ record: TokenRecord) async throws(StoreError) {
        let id = MongoKey.token(tenantId: record.tenantId, connectionId: record.connectionId)
        let document = try MongoRecordCoding.document(record, id: id)
        try await perform { connection throws(MongoFailure) in
            _ = try connection.replace(
                in: MongoCollection.tokens.rawValue, filter: ["_id": .string(id), "tenantId": .string(record.tenantId)], with: document,
                upsert: true)
        }
    }

    public func token(connectionId: String, tenantId: String) async throws(StoreError) -> TokenRecord? {
        let id = MongoKey.token(tenantId: tenantId, connectionId: connectionId)
        return try await findOne(TokenRecord.self, in: .tokens, ["_id": .string(id), "tenantId": .string(tenantId)])
    }

    public func deleteToken(connectionId: String, tenantId: String) async throws(StoreError) -> Bool {
        let filter: BSONDocument = [
            "_id": .string(MongoKey.token(tenantId: tenantId, connectionId: connectionId)), "tenantId": .string(tenantId),
        ]
        return try await perform { connection throws(MongoFailure) in
            try connection.deleteOne(in: MongoCollection.tokens.rawValue, filter: filter) > 0
        }
    }

    public func allTokens(afterConnectionId: String?, limit: Int) async throws(StoreError) -> [TokenRecord] {
        guard limit > 0 else { return [] }
        var filter: BSONDocument = [:]
        if let afterConnectionId { filter.append("connectionId", .document(["$gt": .string(afterConnectionId)])) }
        let documents = try await perform { [filter] connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.tokens.rawValue, filter: filter, sort: ["connectionId": 1], limit: limit)
        }
        return try MongoRecordCoding.records(TokenRecord.self, from: documents)
    }

    public func saveSyncState(_ record: SyncStateRecord) async throws(StoreError) {
        let id = MongoKey.syncState(tenantId: record.tenantId, connectionId: record.connectionId, stream: record.stream)
        let document = try MongoRecordCoding.document(record, id: id)
        try await perform { connection throws(MongoFailure) in
            _ = try connection.replace(
                in: MongoCollection.syncStates.rawValue, filter: ["_id": .string(id), "tenantId": .string(record.tenantId)],
                with: document, upsert: true)
        }
    }

    public func syncState(connectionId: String, tenantId: String, stream: String) async throws(StoreError) -> SyncStateRecord? {
        let id = MongoKey.syncState(tenantId: tenantId, connectionId: connectionId, stream: stream)
        return try await findOne(SyncStateRecord.self, in: .syncStates, ["_id": .string(id), "tenantId": .string(tenantId)])
    }

    public func syncStates(connectionId: String, tenantId: String) async throws(StoreError) -> [SyncStateRecord] {
        let filter: BSONDocument = ["tenantId": .string(tenantId), "connectionId": .string(connectionId)]
        let documents = try await perform { connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.syncStates.rawValue, filter: filter, sort: ["stream": 1])
        }
        return try MongoRecordCoding.records(SyncStateRecord.self, from: documents)
    }
}
