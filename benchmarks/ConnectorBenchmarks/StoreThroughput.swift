import ArgumentParser
import ConnectorModel
import Foundation
import Store
import StoreMongoDB
import StoreSQLite
import TokenEncryption

/// Connections created with an encrypted token per second, and tokens read and decrypted per second, per store.
struct StoreThroughput: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Store throughput (SQLite, and MongoDB when --mongodb-url is given).")

    @Option(help: "Connections to create per store.") var count = 2_000
    @Option(help: "Concurrent writers.") var concurrency = 8
    @Option(help: "A MongoDB URL (e.g. the test server from scripts/services/mongo-test-server.sh).") var mongodbUrl: String?

    func run() async throws {
        let keyring = try FernetKeyring(keys: [FernetKey.generate()])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-store-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var stores: [(String, any HostStore)] = [("sqlite (WAL, synchronous=NORMAL)", SQLiteStore(path: folder.appendingPathComponent("bench.sqlite").path))]
        if let mongodbUrl {
            stores.append(("mongodb", try MongoStore(url: mongodbUrl, database: "bench_\(getpid())")))
        }
        let credentials = Credentials(
            type: .oauth2, accessToken: String(repeating: "a", count: 900), refreshToken: String(repeating: "r", count: 200),
            expiresAt: "2030-01-01T00:00:00Z", scopes: ["read:jira-work", "offline_access"])
        let document = try WireCoding.encode(credentials)

        for (label, store) in stores {
            try await store.ping()
            let writes = try await timed(count) { index in
                let now = Date()
                let id = "conn_\(index)_\(UUID().uuidString.prefix(8))"
                try await store.insertConnection(
                    ConnectionRecord(
                        id: id, tenantId: "tenant-\(index % 10)", connectorId: "jira", authMethod: .oauth2, status: .connected,
                        createdAt: now, updatedAt: now))
                try await store.saveToken(
                    TokenRecord(connectionId: id, tenantId: "tenant-\(index % 10)", ciphertext: keyring.encrypt(document), type: .oauth2, hint: "…aaaa", updatedAt: now))
            }
            print(String(format: "%-34@ create connection + store encrypted token: %7.0f /s", label as NSString, writes))
            let tokens = try await store.allTokens(afterConnectionId: nil, limit: count)
            let reads = try await timed(tokens.count) { index in
                let token = tokens[index]
                guard let stored = try await store.token(connectionId: token.connectionId, tenantId: token.tenantId) else {
                    throw BenchmarkError("token vanished")
                }
                _ = try keyring.decrypt(stored.ciphertext)
            }
            print(String(format: "%-34@ read token + decrypt:                       %7.0f /s", label as NSString, reads))
        }
        let ciphertext = keyring.encrypt(document)
        let decrypts = try await timed(50_000) { _ in _ = try keyring.decrypt(ciphertext) }
        print(String(format: "%-34@ decrypt only (1.3 KB credentials document): %7.0f /s", "fernet (one core)" as NSString, decrypts))
    }

    /// Operations per second for `total` calls of `body`, `concurrency` at a time.
    private func timed(_ total: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var index = worker
                    while index < total {
                        try await body(index)
                        index += concurrency
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(total) / ((ContinuousClock.now - start).nanoseconds / 1e9)
    }
}
