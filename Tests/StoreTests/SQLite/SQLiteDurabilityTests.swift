import Foundation
import Store
import Testing

@testable import StoreSQLite

/// The embedded store keeps every acknowledged write: WAL with
/// `synchronous = NORMAL` survives the process being killed (not power loss;
/// `.full` is for that).
@Suite("SQLite durability")
struct SQLiteDurabilityTests {
    @Test("WAL and the chosen synchronous level are in force", arguments: [SQLiteStore.Synchronous.normal, .full])
    func pragmas(_ synchronous: SQLiteStore.Synchronous) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = SQLiteStore(path: directory.path("store.sqlite"), synchronous: synchronous)
        let (mode, level) = try await store.perform { session throws(StoreError) in
            (
                try session.rows("PRAGMA journal_mode", []).first?.text("journal_mode"),
                try session.rows("PRAGMA synchronous", []).first?.integer("synchronous")
            )
        }
        #expect(mode == "wal")
        #expect(level == (synchronous == .normal ? 1 : 2))
    }

    @Test("a second connection sees every committed write at once")
    func secondConnection() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = SQLiteStore(path: directory.path("store.sqlite"))
        let reader = SQLiteStore(path: directory.path("store.sqlite"))
        for index in 0..<50 {
            let id = "conn-\(String(index).leftPadded(3))"
            try await writer.insertConnection(Fixture.connection(id))
            try await writer.saveToken(Fixture.token(id))
            #expect(try await reader.connection(id: id, tenantId: "tenant-a") == Fixture.connection(id))
            #expect(try await reader.token(connectionId: id, tenantId: "tenant-a") == Fixture.token(id))
        }
    }

    @Test("every acknowledged write survives kill -9 during a burst", .timeLimit(.minutes(2)))
    func killNine() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("store.sqlite")
        let acknowledged = try await CrashWriter.runAndKill(databasePath: path, afterAcknowledgements: 300)
        #expect(acknowledged.count >= 300)

        let store = SQLiteStore(path: path)
        var missing: [String] = []
        for id in acknowledged {
            let connection = try await store.connection(id: id, tenantId: "tenant-a")
            let token = try await store.token(connectionId: id, tenantId: "tenant-a")
            if connection != Fixture.connection(id) || token != Fixture.token(id) { missing.append(id) }
        }
        #expect(missing.isEmpty, "acknowledged but lost after kill -9: \(missing)")
    }

    /// The other half of `killNine`: writes until it is killed, acknowledging each
    /// write on stdout once the store has returned. Runs only in that child process.
    @Test(
        "crash writer (child process of the kill -9 test)",
        .enabled(if: CrashWriter.databasePath != nil, "runs only as the child process of the kill -9 test"))
    func crashWriterChild() async throws {
        let store = SQLiteStore(path: try #require(CrashWriter.databasePath))
        for index in 0..<CrashWriter.maximumWrites {
            let id = "conn-\(String(index).leftPadded(6))"
            try await store.insertConnection(Fixture.connection(id))
            try await store.saveToken(Fixture.token(id))
            FileHandle.standardOutput.write(Data("\(CrashWriter.acknowledgement)\(id)\n".utf8))
        }
    }
}
