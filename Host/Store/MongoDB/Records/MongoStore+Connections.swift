import Store

/// Connector settings (host-wide, `_id` = connector id) and connections
/// (`_id` = connection id; every read and write also filters by tenant).
extension MongoStore {
    public func connectorSettings(_ connectorId: String) async throws(StoreError) -> ConnectorSettingsRecord? {
        try await findOne(ConnectorSettingsRecord.self, in: .connectorSettings, ["_id": .string(connectorId)])
    }

    public func allConnectorSettings() async throws(StoreError) -> [ConnectorSettingsRecord] {
        try await findAll(ConnectorSettingsRecord.self, in: .connectorSettings, [:], sort: ["_id": 1])
    }

    public func saveConnectorSettings(_ record: ConnectorSettingsRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(record, id: record.connectorId)
        try await perform { connection throws(MongoFailure) in
            _ = try connection.replace(
                in: MongoCollection.connectorSettings.rawValue, filter: ["_id": .string(record.connectorId)], with: document, upsert: true)
        }
    }

    public func insertConnection(_ record: ConnectionRecord) async throws(StoreError) {
        let document = try MongoRecordCoding.document(record, id: record.id)
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: MongoCollection.connections.rawValue)
        }
    }

    public func connection(id: String, tenantId: String) async throws(StoreError) -> ConnectionRecord? {
        try await findOne(ConnectionRecord.self, in: .connections, ["_id": .string(id), "tenantId": .string(tenantId)])
    }

    public func connections(tenantId: String, connectorId: String?, afterId: String?, limit: Int) async throws(StoreError) -> [ConnectionRecord] {
        guard limit > 0 else { return [] }
        var filter: BSONDocument = ["tenantId": .string(tenantId)]
        if let connectorId { filter.append("connectorId", .string(connectorId)) }
        if let afterId { filter.append("id", .document(["$gt": .string(afterId)])) }
        let documents = try await perform { [filter] connection throws(MongoFailure) in
            try connection.find(in: MongoCollection.connections.rawValue, filter: filter, sort: ["id": 1], limit: limit)
        }
        return try MongoRecordCoding.records(ConnectionRecord.self, from: documents)
    }

    public func updateConnection(_ record: ConnectionRecord) async throws(StoreError) -> Bool {
        let document = try MongoRecordCoding.document(record, id: record.id)
        let filter: BSONDocument = ["_id": .string(record.id), "tenantId": .string(record.tenantId)]
        return try await perform { connection throws(MongoFailure) in
            try connection.replace(in: MongoCollection.connections.rawValue, filter: filter, with: document, upsert: false) > 0
        }
    }

    /// Every record matching `filter`, in `sort` order, decoded.
    func findAll<T: Decodable>(_ type: T.Type, in collection: MongoCollection, _ filter: BSONDocument, sort: BSONDocument) async throws(StoreError) -> [T] {
        let documents = try await perform { connection throws(MongoFailure) in
            try connection.find(in: collection.rawValue, filter: filter, sort: sort)
        }
        return try MongoRecordCoding.records(type, from: documents)
    }

    /// The first record matching `filter`, decoded.
    func findOne<T: Decodable>(_ type: T.Type, in collection: MongoCollection, _ filter: BSONDocument) async throws(StoreError) -> T? {
        let documents = try await perform { connection throws(MongoFailure) in
            try connection.find(in: collection.rawValue, filter: filter, limit: 1)
        }
        guard let document = documents.first else { return nil }
        return try MongoRecordCoding.record(type, from: document)
    }
}
