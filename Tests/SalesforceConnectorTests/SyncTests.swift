import ConnectorSDK
import Foundation
import StandIns
import Testing

@testable import SalesforceConnector

@Suite struct SalesforceSyncTests {
    /// Runs pages until `hasMore` is false; returns the records in order, the deletions and the last checkpoint.
    private func drain(
        _ harness: SalesforceHarness, _ mode: SyncPageRequest.Mode, from checkpoint: JSONValue?, limit: Int, connection: ConnectionContext
    ) async throws -> (ids: [String], deleted: [String], checkpoint: JSONValue) {
        var ids: [String] = []
        var deleted: [String] = []
        var checkpoint = checkpoint
        while true {
            let page: SyncPage = try await harness.call(
                .syncPage, SyncPageRequest(mode: mode, containerId: "Account", checkpoint: checkpoint, limit: limit), connection: connection)
            #expect(page.records.count <= limit)
            #expect(page.records.allSatisfy { $0.kind == "item" })
            ids += page.records.map(\.id)
            deleted += page.deletedIds
            checkpoint = page.checkpoint
            if !page.hasMore { return (ids, deleted, page.checkpoint) }
        }
    }

    @Test func fullThenIncrementalNeitherSkipsNorRepeatsRecordsThatShareATimestamp() async throws {
        try await SalesforceHarness.run { harness in
            let org = harness.salesforce.org
            // Three records share one SystemModstamp and a page boundary falls between them.
            let shared = Instants.at(minutes: 1)
            let ids = ["A", "B", "C"].map { org.insert("Account", ["Name": .string($0)], at: shared) }
                + ["D", "E"].map { org.insert("Account", ["Name": .string($0)], at: Instants.at(minutes: 2)) }
            let connection = harness.connection()

            let full = try await drain(harness, .full, from: nil, limit: 2, connection: connection)
            #expect(full.ids == ids)
            #expect(full.deleted.isEmpty)

            // Later: B changes, F and G appear at B's new timestamp, C is deleted.
            let later = Instants.at(minutes: 30)
            org.update(ids[1], ["Name": "B2"], at: later)
            let added = ["F", "G"].map { org.insert("Account", ["Name": .string($0)], at: later) }
            org.delete(ids[2], at: Date().addingTimeInterval(-90))

            let incremental = try await drain(harness, .incremental, from: full.checkpoint, limit: 2, connection: connection)
            #expect(incremental.ids == [ids[1]] + added)
            #expect(incremental.deleted == [ids[2]])

            let quiet = try await drain(harness, .incremental, from: incremental.checkpoint, limit: 2, connection: connection)
            #expect(quiet.ids.isEmpty)
            #expect(quiet.deleted.isEmpty)
        }
    }

    @Test func syncRecordsCarryTheItemAndItsSystemModstamp() async throws {
        try await SalesforceHarness.run { harness in
            let id = harness.salesforce.org.insert("Account", ["Name": "Acme"], at: Instants.at(minutes: 7))
            let page: SyncPage = try await harness.call(
                .syncPage, SyncPageRequest(mode: .full, containerId: "Account"), connection: harness.connection())
            let record = try #require(page.records.first)
            #expect(record.id == id)
            #expect(record.updatedAt == Instants.rfc3339(minutes: 7))
            #expect(record.data["title"] == "Acme")
            #expect(page.checkpoint["modstamp"] == .string(Instants.rfc3339(minutes: 7)))
            #expect(!page.hasMore)
            let query = try #require(harness.salesforce.exchanges.all.last.flatMap { SalesforceWireQuery.q($0.query) })
            #expect(query.hasSuffix("ORDER BY SystemModstamp, Id LIMIT 51"))
        }
    }

    @Test func deletionsAreAskedForOverTheWindowSinceTheLastRead() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.org.insertAccounts(1)
            let connection = harness.connection()
            let full = try await drain(harness, .full, from: nil, limit: 10, connection: connection)
            let _ = try await drain(harness, .incremental, from: full.checkpoint, limit: 10, connection: connection)
            let deleted = try #require(harness.salesforce.exchanges.all.last { $0.path.hasSuffix("/deleted/") })
            #expect(deleted.path == "/services/data/v66.0/sobjects/Account/deleted/")
            #expect(deleted.status == 200)
            let parameters = Set(deleted.query.split(separator: "&").map { String($0.split(separator: "=")[0]) })
            #expect(parameters == ["start", "end"])
            #expect(deleted.query.contains("%2B00%3A00"))
        }
    }

    @Test func syncNeedsAnObjectAndTheItemsStream() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            for request in [
                SyncPageRequest(mode: .full), SyncPageRequest(mode: .full, stream: "comments", containerId: "Account"),
                SyncPageRequest(mode: .incremental, containerId: "Case", checkpoint: ["object": "Account"]),
                SyncPageRequest(mode: .incremental, containerId: "Account", checkpoint: ["modstamp": 5]),
            ] {
                let refused = await #expect(throws: ErrorDocument.self) {
                    let _: SyncPage = try await harness.call(.syncPage, request, connection: connection)
                }
                #expect(refused?.code == "invalid_input")
            }
        }
    }
}
