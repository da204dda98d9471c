import Store
import Testing

@Suite("Store contract: sync states")
struct SyncStateContractTests {
    @Test(arguments: StoreKind.allCases)
    func saveInsertsThenReplacesPerStream(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.syncState(connectionId: "conn-1", tenantId: "tenant-a", stream: "items") == nil)
            try await store.saveSyncState(Fixture.syncState("items"))
            try await store.saveSyncState(Fixture.syncState("items:PROJ"))
            try await store.saveSyncState(Fixture.syncState("items", cursor: 2))
            #expect(try await store.syncState(connectionId: "conn-1", tenantId: "tenant-a", stream: "items") == Fixture.syncState("items", cursor: 2))
            #expect(try await store.syncState(connectionId: "conn-1", tenantId: "tenant-a", stream: "items:PROJ") == Fixture.syncState("items:PROJ"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func listsOneConnectionsStreamsInOrder(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Byte order, as both stores sort: "/" (0x2F) before ":" (0x3A).
            let streams = ["comments", "items", "items/sub", "items:ABC", "projects"]
            for stream in streams.shuffled() { try await store.saveSyncState(Fixture.syncState(stream)) }
            try await store.saveSyncState(Fixture.syncState("items", connection: "conn-2"))
            try await store.saveSyncState(Fixture.syncState("other", tenant: "tenant-b"))
            #expect(try await store.syncStates(connectionId: "conn-1", tenantId: "tenant-a") == streams.map { Fixture.syncState($0) })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func otherTenantsSeeAndChangeNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.saveSyncState(Fixture.syncState("items"))
            #expect(try await store.syncState(connectionId: "conn-1", tenantId: "tenant-b", stream: "items") == nil)
            #expect(try await store.syncStates(connectionId: "conn-1", tenantId: "tenant-b").isEmpty)
            try await store.saveSyncState(Fixture.syncState("items", tenant: "tenant-b", cursor: 9))
            #expect(try await store.syncState(connectionId: "conn-1", tenantId: "tenant-a", stream: "items") == Fixture.syncState("items"))
            #expect(try await store.syncStates(connectionId: "conn-1", tenantId: "tenant-b") == [Fixture.syncState("items", tenant: "tenant-b", cursor: 9)])
        }
    }
}
