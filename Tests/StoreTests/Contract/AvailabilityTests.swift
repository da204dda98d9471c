import Foundation
import Store
import StoreSQLite
import Testing

@testable import StoreMongoDB

/// Stores answer `.unavailable` while their database cannot be used, and work
/// again once it can, without being recreated.
@Suite("Store availability")
struct AvailabilityTests {
    @Test("MongoDB: a server that drops every request, then comes back", .timeLimit(.minutes(2)))
    func mongoOutageAndRecovery() async throws {
        let server = try await PrivateMongoServer()
        let store = try MongoStore(url: server.url, database: MongoTestServer.uniqueDatabaseName())
        let control = try MongoStore(url: server.url, database: MongoTestServer.uniqueDatabaseName())
        try await control.ping()
        try await store.insertConnection(Fixture.connection("conn-1"))

        _ = try await control.adminCommand(["testFailAll": true])
        let read = await storeError("read during the outage") { () async throws(StoreError) in
            try await store.connection(id: "conn-1", tenantId: "tenant-a")
        }
        let write = await storeError("write during the outage") { () async throws(StoreError) in
            try await store.insertConnection(Fixture.connection("conn-2"))
        }
        let ping = await storeError("ping during the outage") { () async throws(StoreError) in try await store.ping() }
        #expect(read?.kind == .unavailable)
        #expect(write?.kind == .unavailable)
        #expect(ping?.kind == .unavailable)

        _ = try await control.adminCommand(["testFailAll": false])
        let recovered = try await recovered { () async throws(StoreError) in
            try await store.connection(id: "conn-1", tenantId: "tenant-a")
        }
        #expect(recovered == Fixture.connection("conn-1"))
        try await store.insertConnection(Fixture.connection("conn-2"))
        #expect(try await store.connections(tenantId: "tenant-a", connectorId: nil, afterId: nil, limit: 10).map(\.id) == ["conn-1", "conn-2"])
    }

    @Test("MongoDB: a server that is stopped, then started again", .timeLimit(.minutes(2)))
    func mongoStopAndStart() async throws {
        let server = try await PrivateMongoServer()
        let store = try MongoStore(url: server.url, database: MongoTestServer.uniqueDatabaseName())
        try await store.insertAPIKey(Fixture.apiKey("key-1", hash: "hash-1"))
        try await server.stop()

        // A burst while it is down: every request fails, none hangs.
        let kinds = await withTaskGroup(of: StoreError.Kind?.self) { group in
            for index in 0..<12 {
                group.addTask {
                    await storeError("request \(index) while stopped") { () async throws(StoreError) in
                        try await store.apiKey(hash: "hash-1")
                    }?.kind
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(kinds == Array(repeating: .unavailable, count: 12))

        try await server.start()
        // The restarted test server is empty: the store must ensure its indexes again.
        try await recovered { () async throws(StoreError) in try await store.insertAPIKey(Fixture.apiKey("key-1", hash: "hash-1")) }
        let duplicate = await storeError("duplicate hash after the restart") { () async throws(StoreError) in
            try await store.insertAPIKey(Fixture.apiKey("key-2", hash: "hash-1"))
        }
        #expect(duplicate?.kind == .conflict)
    }

    @Test("SQLite: a path that cannot be opened, then can", .timeLimit(.minutes(1)))
    func sqliteUnwritableAndRecovery() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A regular file where the database's directory should be: refused even to root.
        let blocker = directory.path("data")
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("not a directory".utf8))
        let store = SQLiteStore(path: blocker + "/store.sqlite")

        let write = await storeError("write to an unusable path") { () async throws(StoreError) in
            try await store.insertConnection(Fixture.connection("conn-1"))
        }
        let read = await storeError("read from an unusable path") { () async throws(StoreError) in
            try await store.connection(id: "conn-1", tenantId: "tenant-a")
        }
        #expect(write?.kind == .unavailable)
        #expect(read?.kind == .unavailable)

        try FileManager.default.removeItem(atPath: blocker)
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        try await store.insertConnection(Fixture.connection("conn-1"))
        #expect(try await store.connection(id: "conn-1", tenantId: "tenant-a") == Fixture.connection("conn-1"))
    }
}
