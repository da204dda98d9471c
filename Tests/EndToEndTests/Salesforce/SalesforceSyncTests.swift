import ConnectorModel
import Foundation
import StandIns
import Testing

/// Sync jobs over REST: a full run stores every record in the changes feed; an
/// incremental run adds exactly what changed since, deletions as tombstones.
@Suite struct SalesforceSyncTests {
    @Test func fullThenIncrementalSyncFeedsExactlyTheChanges() async throws {
        try await SalesforceHost.run(configure: { $0.syncPageSize = 5 }) { session, _ in
            let org = session.salesforce.org
            let accounts = org.insertAccounts(12)
            let connectionId = try await session.connect()

            let fullId = try await session.startedJob(connectionId, mode: "full")
            let full = try await session.finishedJob(fullId)
            #expect(full["status"] == "succeeded", "\(full)")
            #expect(full["records"] == 12)
            #expect(full["pages"] == 3)
            #expect(full["mode"] == "full")
            let (stored, cursor) = try await session.feed(connectionId)
            #expect(stored.compactMap { $0["id"]?.stringValue }.sorted() == accounts.sorted())
            #expect(stored.allSatisfy { $0["deleted"] == false && $0["kind"] == "item" })

            // Changes at Salesforce: two edits, one new record, one deletion (logged
            // over a minute ago: Get Deleted reads whole minutes that have passed).
            let now = Date()
            org.update(accounts[0], ["Name": "Account 0001 (renamed)"], at: now)
            org.update(accounts[5], ["Industry": "Energy"], at: now)
            let added = org.insert("Account", ["Name": "Account 0013"], at: now)
            org.delete(accounts[11], at: now.addingTimeInterval(-70))

            let incrementalId = try await session.startedJob(connectionId, mode: "incremental")
            let incremental = try await session.finishedJob(incrementalId)
            #expect(incremental["status"] == "succeeded", "\(incremental)")
            #expect(incremental["records"] == 3)
            #expect(incremental["deleted"] == 1)

            let (changes, next) = try await session.feed(connectionId, after: cursor)
            let changed = changes.compactMap { $0["id"]?.stringValue }
            #expect(changed.count == Set(changed).count, "an entry came twice: \(changed)")
            #expect(Set(changed) == [accounts[0], accounts[5], added, accounts[11]])
            let byId = Dictionary(changes.map { ($0["id"]?.stringValue ?? "", $0) }) { first, _ in first }
            #expect(byId[accounts[0]]?["data"]?["title"] == "Account 0001 (renamed)")
            #expect(byId[accounts[11]]?["deleted"] == true)
            #expect([accounts[0], accounts[5], added].allSatisfy { byId[$0]?["deleted"] == false })

            // Nothing more until something changes.
            let (after, _) = try await session.feed(connectionId, after: next)
            #expect(after.isEmpty)
            let again = try await session.finishedJob(try await session.startedJob(connectionId, mode: "incremental"))
            #expect(again["records"] == 0)
            #expect(try await session.feed(connectionId, after: next).entries.isEmpty)
        }
    }
}
