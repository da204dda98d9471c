import Foundation
import Store
import Testing

@Suite("Store contract: synced records and the changes feed")
struct SyncedRecordContractTests {
    @Test(arguments: StoreKind.allCases)
    func everyWriteGetsAHigherSequence(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.upsertSyncedRecords([Fixture.syncedRecord("r-1"), Fixture.syncedRecord("r-2"), Fixture.syncedRecord("c-1", kind: "comment")])
            try await store.upsertSyncedRecords([Fixture.syncedRecord("r-1", title: "v2")])
            let feed = try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-1", afterSequence: 0, limit: 100)
            #expect(feed.map(\.id) == ["r-2", "c-1", "r-1"])
            #expect(feed.map(\.sequence) == feed.map(\.sequence).sorted() && Set(feed.map(\.sequence)).count == 3)
            var expected = Fixture.syncedRecord("r-1", title: "v2")
            expected.sequence = feed[2].sequence
            #expect(feed[2] == expected)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func feedPagesBySequence(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ids = (1...9).map { "r-\($0)" }
            try await store.upsertSyncedRecords(ids.prefix(4).map { Fixture.syncedRecord($0) })
            try await store.upsertSyncedRecords(ids.dropFirst(4).map { Fixture.syncedRecord($0) })
            var seen: [String] = []
            var after: Int64 = 0
            while true {
                let page = try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-1", afterSequence: after, limit: 4)
                seen += page.map(\.id)
                guard let last = page.last, page.count == 4 else { break }
                after = last.sequence
            }
            #expect(seen == ids)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deletionsAreTombstonesAtTheEndOfTheFeed(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.upsertSyncedRecords([Fixture.syncedRecord("r-1"), Fixture.syncedRecord("r-2"), Fixture.syncedRecord("r-1", kind: "comment")])
            let before = try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-1", afterSequence: 0, limit: 100)
            let at = Fixture.instant.addingTimeInterval(100)
            try await store.markSyncedRecordsDeleted(tenantId: "tenant-a", connectionId: "conn-1", ids: ["r-1", "missing"], at: at)
            let after = try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-1", afterSequence: before.map(\.sequence).max()!, limit: 100)
            #expect(Set(after.map(\.kind)) == ["item", "comment"])
            #expect(after.allSatisfy { $0.id == "r-1" && $0.deleted && $0.syncedAt == at })
            // Deleting again changes nothing: no new feed entries.
            try await store.markSyncedRecordsDeleted(tenantId: "tenant-a", connectionId: "conn-1", ids: ["r-1"], at: at.addingTimeInterval(1))
            let last = after.map(\.sequence).max()!
            #expect(try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-1", afterSequence: last, limit: 100).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func otherTenantsAndConnectionsSeeNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.upsertSyncedRecords([Fixture.syncedRecord("r-1"), Fixture.syncedRecord("r-1", tenant: "tenant-b", title: "b")])
            try await store.markSyncedRecordsDeleted(tenantId: "tenant-b", connectionId: "conn-1", ids: ["r-1"], at: Fixture.instant)
            let feed = try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-1", afterSequence: 0, limit: 10)
            #expect(feed.count == 1 && feed[0].deleted == false && feed[0].data["title"] == "v1")
            #expect(try await store.syncedRecords(tenantId: "tenant-a", connectionId: "conn-2", afterSequence: 0, limit: 10).isEmpty)
            #expect(try await store.syncedRecords(tenantId: "tenant-b", connectionId: "conn-1", afterSequence: 0, limit: 10).map(\.deleted) == [true])
        }
    }
}
