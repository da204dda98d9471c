import ConnectorSDK
import Foundation
import StandIns
import Testing

@testable import SalesforceConnector

@Suite struct SalesforceBrowsingTests {
    @Test func containersAreTheQueryableObjectsPagedByTheConnector() async throws {
        try await SalesforceHarness.run { harness in
            let connection = harness.connection()
            var names: [String] = []
            var cursor: String?
            repeat {
                let page: Page<Container> = try await harness.call(.listContainers, ListRequest(limit: 3, cursor: cursor), connection: connection)
                #expect(page.items.count <= 3)
                #expect(page.items.allSatisfy { $0.kind == "sobject" && $0.raw == nil })
                names += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(names == ["Account", "Case", "Opportunity", "Invoice__c", "CaseComment", "FeedComment", "User", "Vote"])
            // Without includeRaw no object is described.
            #expect(!harness.salesforce.exchanges.all.contains { $0.path.hasSuffix("/describe") })
        }
    }

    @Test func includeRawAttachesEachObjectsDescribe() async throws {
        try await SalesforceHarness.run { harness in
            let page: Page<Container> = try await harness.call(
                .listContainers, ListRequest(limit: 2, includeRaw: true), connection: harness.connection())
            let account = try #require(page.items.first)
            #expect(account.name == "Account")
            #expect(account.url == "\(harness.salesforce.instanceURL)/lightning/o/Account/home")
            #expect(account.raw?["sobject"]?["keyPrefix"] == "001")
            #expect(account.raw?["describe"]?["fields"]?.arrayValue?.contains { $0["name"] == "SystemModstamp" } == true)
            #expect(harness.salesforce.exchanges.all.filter { $0.path.hasSuffix("/describe") }.count == 2)
        }
    }

    @Test func recordsPageAcrossSeveralNextRecordsUrlBatches() async throws {
        try await SalesforceHarness.run { harness in
            let ids = harness.salesforce.org.insertAccounts(450)
            let connection = harness.connection()
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page: Page<Item> = try await harness.call(
                    .listItems, ListRequest(containerId: "Account", limit: 100, cursor: cursor), connection: connection)
                #expect(page.items.count <= 100)
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil
            #expect(pages == 5)
            #expect(seen == ids)
            // Batches of 200: the second page re-reads the first batch, then the connector
            // follows the nextRecordsUrls Salesforce handed out to the batches' ends.
            let followed = harness.salesforce.exchanges.all.map(\.path).filter { $0.contains("/query/01g") }
            #expect(Set(followed).isSubset(of: harness.salesforce.nextRecordsUrls))
            #expect(followed.count == 3)
            #expect(Set(followed).count == 2)
        }
    }

    @Test func recordsBecomeItemsWithTheFieldsTheDescribeOffers() async throws {
        try await SalesforceHarness.run { harness in
            let org = harness.salesforce.org
            let caseId = org.insert("Case", ["Subject": "Printer on fire", "Status": "New"], at: Instants.at(minutes: 5), by: org.otherUserId)
            let page: Page<Item> = try await harness.call(
                .listItems, ListRequest(containerId: "Case", includeRaw: true), connection: harness.connection())
            let item = try #require(page.items.first)
            #expect(item.id == caseId)
            #expect(item.containerId == "Case")
            #expect(item.kind == "Case")
            #expect(item.title == "Printer on fire")
            #expect(item.key == "00001003")
            #expect(item.status == "New")
            #expect(item.author == Person(id: org.otherUserId, displayName: "Ben Builder"))
            #expect(item.createdAt == Instants.rfc3339(minutes: 5))
            #expect(item.updatedAt == "2024-03-01T10:05:00.000Z")
            #expect(item.url == "\(harness.salesforce.instanceURL)/lightning/r/Case/\(caseId)/view")
            #expect(item.raw?["attributes"]?["type"] == "Case")

            let plain: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Opportunity"), connection: harness.connection())
            #expect(plain.items.isEmpty && plain.nextCursor == nil)
        }
    }

    @Test func updatedSinceKeepsRecordsChangedAtOrAfterTheInstant() async throws {
        try await SalesforceHarness.run { harness in
            let ids = harness.salesforce.org.insertAccounts(5)
            // 10:03 UTC written with another offset; the record at exactly that instant is kept.
            let page: Page<Item> = try await harness.call(
                .listItems, ListRequest(containerId: "Account", updatedSince: "2024-03-01T12:03:00+02:00"), connection: harness.connection())
            #expect(page.items.map(\.id) == Array(ids[2...]))
            let query = try #require(harness.salesforce.exchanges.all.last)
            #expect(query.query.removingPercentEncoding?.contains("SystemModstamp >= 2024-03-01T10:03:00.000Z") == true)
        }
    }

    @Test func caseCommentsAndFeedCommentsBecomeComments() async throws {
        try await SalesforceHarness.run { harness in
            let org = harness.salesforce.org
            let caseId = org.insert("Case", ["Subject": "Broken"])
            for (minute, body) in [(1.0, "First look"), (2.0, "Ordered a part"), (3.0, "Fixed")] {
                org.insert(
                    "CaseComment", ["ParentId": .string(caseId), "CommentBody": .string(body), "IsPublished": .bool(true)],
                    at: Instants.at(minutes: minute), by: org.otherUserId)
            }
            let connection = harness.connection()
            let first: Page<ConnectorModel.Comment> = try await harness.call(.listComments, ListRequest(itemId: caseId, limit: 2), connection: connection)
            #expect(first.items.map(\.body) == ["First look", "Ordered a part"])
            #expect(first.items.first?.author?.displayName == "Ben Builder")
            #expect(first.items.first?.itemId == caseId)
            #expect(first.items.first?.createdAt == Instants.rfc3339(minutes: 1))
            let second: Page<ConnectorModel.Comment> = try await harness.call(
                .listComments, ListRequest(itemId: caseId, limit: 2, cursor: first.nextCursor), connection: connection)
            #expect(second.items.map(\.body) == ["Fixed"])
            #expect(second.nextCursor == nil)

            let accountId = org.insert("Account", ["Name": "Acme"])
            org.insert(
                "FeedComment",
                ["ParentId": .string(accountId), "CommentBody": "<p>Renewal &amp; upsell</p><p>Call <b>Tuesday</b></p>", "IsRichText": .bool(true)])
            let feed: Page<ConnectorModel.Comment> = try await harness.call(
                .listComments, ListRequest(containerId: "Account", itemId: accountId), connection: connection)
            #expect(feed.items.map(\.body) == ["Renewal & upsell\nCall Tuesday"])
            #expect(feed.items.first?.author?.displayName == "Ada Admin")
        }
    }

    @Test func aCursorOutlivingSalesforcesQueryCursorSaysSo() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.org.insertAccounts(250)
            let connection = harness.connection()
            var cursor: String?
            for _ in 0..<2 {
                let page: Page<Item> = try await harness.call(
                    .listItems, ListRequest(containerId: "Account", limit: 100, cursor: cursor), connection: connection)
                cursor = page.nextCursor
            }
            harness.salesforce.expireQueryCursors()
            let expired = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account", cursor: cursor), connection: connection)
            }
            #expect(expired?.code == "invalid_input")
            #expect(expired?.message.contains("expired") == true)

            let elsewhere = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Case", cursor: cursor), connection: connection)
            }
            #expect(elsewhere?.code == "invalid_input")
        }
    }
}
