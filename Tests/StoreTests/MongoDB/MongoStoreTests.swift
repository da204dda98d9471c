import Foundation
import Store
import Testing

@testable import StoreMongoDB

/// What the contract cannot see: the documents and indexes the MongoDB store
/// leaves in the database, and how it reports what it cannot read.
@Suite("MongoDB store")
struct MongoStoreTests {
    @Test("records are documents with chosen ids and tenant key fields")
    func documentShape() async throws {
        try await StoreKind.mongodb.withStore { store in
            let mongo = try #require(store as? MongoStore)
            try await mongo.insertConnection(Fixture.connection("conn-1"))
            try await mongo.saveToken(Fixture.token("conn-1"))
            try await mongo.saveSyncState(Fixture.syncState("items"))
            let session = Fixture.oauthSession("state-1")
            try await mongo.insertOAuthSession(session)

            let connection = try #require(try await mongo.documents(in: .connections).first)
            #expect(connection["_id"] == "conn-1")
            #expect(connection["tenantId"] == "tenant-a")
            #expect(connection["connectorId"] == "jira")
            #expect(connection["createdAt"] == .int64(StoreCoding.milliseconds(Fixture.instant)))
            guard case .document(let config) = connection["config"], case .document(let site) = config["site"] else {
                Issue.record("config is not stored as a document: \(String(describing: connection["config"]))")
                return
            }
            #expect(site["dotted%2Ekey"] == "dot")
            #expect(try await mongo.documents(in: .tokens).first?["_id"] == "tenant-a/conn-1")
            #expect(try await mongo.documents(in: .syncStates).first?["_id"] == "tenant-a/conn-1/items")
            let stored = try #require(try await mongo.documents(in: .oauthSessions).first)
            let grace = session.expiresAt.addingTimeInterval(3600)
            #expect(stored["expireAt"] == .date(milliseconds: StoreCoding.milliseconds(grace)))
        }
    }

    @Test("indexes: unique key hash, TTL on sessions, tenant-scoped query keys")
    func indexes() async throws {
        try await StoreKind.mongodb.withStore { store in
            let mongo = try #require(store as? MongoStore)
            try await mongo.ping()
            let apiKeys = try await mongo.indexes(of: .apiKeys)
            #expect(apiKeys["key_hash_unique"]?["unique"] == true)
            #expect(apiKeys["key_hash_unique"]?["key"] == .document(["keyHash": 1]))
            let sessions = try await mongo.indexes(of: .oauthSessions)
            #expect(sessions["expire_at_ttl"]?["expireAfterSeconds"]?.integerValue == 0)
            let connections = try await mongo.indexes(of: .connections)
            #expect(connections["tenant_connector_id"]?["key"] == .document(["tenantId": 1, "connectorId": 1, "id": 1]))
            #expect(try await mongo.indexes(of: .auditLogs)["tenant_id"]?["key"] == .document(["tenantId": 1, "id": 1]))
        }
    }

    @Test("a document this version cannot read is .corrupt")
    func corruptDocument() async throws {
        try await StoreKind.mongodb.withStore { store in
            let mongo = try #require(store as? MongoStore)
            try await mongo.insertRaw(["_id": "conn-1", "tenantId": "tenant-a", "status": "connected"], into: .connections)
            let error = await storeError("reading a connection without its fields") { () async throws(StoreError) in
                try await mongo.connection(id: "conn-1", tenantId: "tenant-a")
            }
            #expect(error?.kind == .corrupt)
        }
    }

    @Test("credentials in the URL stay out of error messages", .timeLimit(.minutes(1)))
    func credentialsStayOutOfMessages() async throws {
        // Wrong credentials for a real MongoDB; any for the test server, which has no authentication.
        let url = try await MongoTestServer.shared.url()
        let scheme = try #require(url.firstRange(of: "://"))
        let rest = url[scheme.upperBound...]
        let hosts = rest.firstIndex(of: "@").map { rest[rest.index(after: $0)...] } ?? rest
        let withCredentials = url[..<scheme.upperBound] + "store-user:pa55w0rd-secret@" + hosts
        let store = try MongoStore(url: String(withCredentials), database: MongoTestServer.uniqueDatabaseName())
        #expect(!store.displayURL.contains("pa55w0rd"))
        let error = await storeError("login against a server without authentication") { () async throws(StoreError) in
            try await store.ping()
        }
        #expect(error?.kind == .unavailable)
        #expect(error.map { !$0.message.contains("pa55w0rd") && !$0.message.contains("store-user") } == true)
    }
}

extension MongoStore {
    /// Every document of `collection`, as stored.
    func documents(in collection: MongoCollection) async throws(StoreError) -> [BSONDocument] {
        try await perform { connection throws(MongoFailure) in
            try connection.find(in: collection.rawValue, filter: [:], sort: ["_id": 1])
        }
    }

    /// The indexes of `collection` by name.
    func indexes(of collection: MongoCollection) async throws(StoreError) -> [String: BSONDocument] {
        let reply = try await perform { connection throws(MongoFailure) in
            try connection.command(["listIndexes": .string(collection.rawValue)])
        }
        guard case .document(let cursor) = reply["cursor"], case .array(let batch) = cursor["firstBatch"] else { return [:] }
        var byName: [String: BSONDocument] = [:]
        for case .document(let index) in batch {
            if case .string(let name) = index["name"] { byName[name] = index }
        }
        return byName
    }

    /// Writes a document as it is, bypassing the record mapping.
    func insertRaw(_ document: BSONDocument, into collection: MongoCollection) async throws(StoreError) {
        try await perform { connection throws(MongoFailure) in
            try connection.insert(document, into: collection.rawValue)
        }
    }
}
