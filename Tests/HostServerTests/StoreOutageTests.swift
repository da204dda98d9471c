import HostTesting
import ConnectorModel
import Foundation
import TestKit
import Testing

@Suite struct StoreOutageTests {
    @Test func anUnwritableStoreGives503AndTheHostRecovers() async throws {
        let folder = try TemporaryDirectory("outage")
        defer { folder.remove() }
        // A regular file where the database's folder should be: unwritable even for root.
        let blocker = folder.file("db")
        try Data("not a folder".utf8).write(to: blocker)
        let harness = try await HostHarness.withFixture { $0.sqlitePath = blocker.appendingPathComponent("host.sqlite").path }
        defer { harness.remove() }
        try await harness.test { client in
            let listing = try await client.get("/api/connections", headers: .tenant("acme"))
            #expect(listing.status == 503)
            #expect(listing.errorCode == "store_unavailable")
            #expect(listing.headers[.retryAfter] == "5")
            let health = try await client.get("/")
            #expect(health.status == 200)
            #expect(health.data["status"] == "degraded")
            #expect(try await client.get("/ready").status == 503)

            // The store comes back: the host serves again without a restart.
            try FileManager.default.removeItem(at: blocker)
            try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
            let recovered = try await client.get("/api/connections", headers: .tenant("acme"))
            #expect(recovered.status == 200)
            #expect(try await client.get("/ready").status == 200)
        }
    }
}
