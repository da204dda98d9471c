import Foundation
import Store
import StoreSQLite
import Testing

@testable import StoreMongoDB

/// The implementations every contract test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A new SQLite file in a temporary directory.
    case sqlite
    /// A new database on the MongoDB of `MongoTestServer`.
    case mongodb

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store, removed afterwards.
    func withStore(_ body: (any HostStore & SyncStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try await body(SQLiteStore(path: directory.path("store.sqlite")))
        case .mongodb:
            let store = try MongoStore(url: try await MongoTestServer.shared.url(), database: MongoTestServer.uniqueDatabaseName())
            do {
                try await body(store)
            } catch {
                try? await store.dropDatabase()
                throw error
            }
            try await store.dropDatabase()
        }
    }
}

/// A directory of its own under the system's temporary directory.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

extension MongoStore {
    /// Drops the store's database: each test gets its own, and leaves nothing behind.
    func dropDatabase() async throws(StoreError) {
        try await perform { connection throws(MongoFailure) in
            _ = try connection.command(["dropDatabase": 1])
        }
    }

    /// Runs an administrative command (such as the test server's `testFailAll`).
    func adminCommand(_ command: BSONDocument) async throws(StoreError) -> BSONDocument {
        try await perform { connection throws(MongoFailure) in
            try connection.command(command, database: "admin")
        }
    }
}
