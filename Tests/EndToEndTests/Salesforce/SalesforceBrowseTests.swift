import ConnectorModel
import Foundation
import StandIns
import Testing

/// Containers, items and comments through `GET /api/connectors/salesforce/...`:
/// opaque cursors that round-trip through the client, across Salesforce's query batches.
@Suite struct SalesforceBrowseTests {
    @Test func containersArePagedAndAreTheQueryableObjects() async throws {
        try await SalesforceHost.run { session, _ in
            let connectionId = try await session.connect()
            let (containers, pages) = try await session.browseAll("containers", connectionId, limit: 3)
            let ids = containers.compactMap { $0["id"]?.stringValue }
            #expect(pages >= 3)
            #expect(Set(ids).count == ids.count, "a container came twice: \(ids)")
            #expect(Set(ids) == ["Account", "Case", "Opportunity", "Invoice__c", "CaseComment", "FeedComment", "User", "Vote"])
            #expect(containers.allSatisfy { $0["kind"] == "sobject" })
        }
    }

    @Test func itemsArePagedAcrossQueryBatchesWithoutDuplicates() async throws {
        try await SalesforceHost.run { session, _ in
            let inserted = session.salesforce.org.insertAccounts(230)
            let connectionId = try await session.connect()
            let (items, pages) = try await session.browseAll("items", connectionId, query: "&containerId=Account", limit: 60)
            let ids = items.compactMap { $0["id"]?.stringValue }
            #expect(ids.count == 230)
            #expect(Set(ids).count == ids.count, "an item came twice")
            #expect(Set(ids) == Set(inserted))
            #expect(pages >= 4)
            #expect(items.first?["title"] == "Account 0001")
            #expect(items.allSatisfy { $0["containerId"] == "Account" && $0["author"]?["displayName"] == "Ada Admin" })
            // 230 records are two batches of the stand-in's query: the cursor carried a nextRecordsUrl.
            #expect(!session.salesforce.nextRecordsUrls.isEmpty)
        }
    }

    @Test func aCaseListsItsCaseComments() async throws {
        try await SalesforceHost.run { session, _ in
            let org = session.salesforce.org
            let caseId = org.insert("Case", ["Subject": "Printer on fire", "Status": "New"], at: SalesforceOrg.seedStart)
            let other = org.insert("Case", ["Subject": "Other"], at: SalesforceOrg.seedStart)
            let bodies = ["First look", "Replaced the toner", "Closed with the customer"]
            for (index, body) in bodies.enumerated() {
                org.insert(
                    "CaseComment", ["ParentId": .string(caseId), "CommentBody": .string(body), "IsPublished": .bool(true)],
                    at: SalesforceOrg.seedStart.addingTimeInterval(Double(index + 1) * 60))
            }
            org.insert("CaseComment", ["ParentId": .string(other), "CommentBody": "elsewhere"], at: SalesforceOrg.seedStart)
            let connectionId = try await session.connect()

            let (comments, _) = try await session.browseAll("comments", connectionId, query: "&containerId=Case&itemId=\(caseId)", limit: 2)
            #expect(comments.compactMap { $0["body"]?.stringValue } == bodies)
            #expect(comments.allSatisfy { $0["itemId"] == .string(caseId) && $0["author"]?["displayName"] == "Ada Admin" })
            #expect(Set(comments.compactMap { $0["id"]?.stringValue }).count == 3)
        }
    }

    @Test func aCursorFromAnotherListingIsRefused() async throws {
        try await SalesforceHost.run { session, _ in
            session.salesforce.org.insertAccounts(5)
            let connectionId = try await session.connect()
            let page = try await session.get("/api/connectors/salesforce/items?connectionId=\(connectionId)&containerId=Account&limit=2")
            let cursor = try #require(page.data["nextCursor"]?.stringValue)
            let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
            let misused = try await session.get("/api/connectors/salesforce/items?connectionId=\(connectionId)&containerId=Case&cursor=\(encoded)")
            #expect(misused.status == 400)
            #expect(misused.errorCode == "invalid_input")
        }
    }
}
