import ConnectorSDK
import Foundation
import StandIns
import Testing

@testable import SalesforceConnector

/// Request fields that reach SOQL are refused when they cannot be a name or an
/// instant, and escaped when they are values; the stand-in parses every query
/// the way Salesforce does, so a value that broke out of its quotes would show
/// up as MALFORMED_QUERY or as a different filter.
@Suite struct SalesforceInjectionTests {
    @Test(arguments: ["Account WHERE Name != ''", "Account--", "Account;DELETE", "1Account", "Account.Name", ""])
    func aContainerIdThatIsNoObjectNameIsRefusedBeforeAnyRequest(_ containerId: String) async throws {
        try await SalesforceHarness.run { harness in
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: containerId), connection: harness.connection())
            }
            #expect(refused?.code == "invalid_input")
            #expect(harness.salesforce.exchanges.all.isEmpty)
        }
    }

    @Test(arguments: ["2024-01-01T00:00:00Z OR Name != ''", "2024-01-01", "yesterday", "2024-01-01T00:00:00Z) OR (Id != null"])
    func anUpdatedSinceThatIsNoInstantIsRefused(_ updatedSince: String) async throws {
        try await SalesforceHarness.run { harness in
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(
                    .listItems, ListRequest(containerId: "Account", updatedSince: updatedSince), connection: harness.connection())
            }
            #expect(refused?.code == "invalid_input")
            #expect(!harness.salesforce.exchanges.all.contains { $0.path.hasSuffix("/query/") })
        }
    }

    @Test(arguments: ["500' OR ParentId != '", "500\\' OR ParentId != \\'", "500'+OR+Id+!=+'"])
    func anItemIdStaysInsideItsQuotes(_ itemId: String) async throws {
        try await SalesforceHarness.run { harness in
            let caseId = harness.salesforce.org.insert("Case", ["Subject": "Secret case"])
            harness.salesforce.org.insert("CaseComment", ["ParentId": .string(caseId), "CommentBody": "must not leak"])
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: Page<ConnectorModel.Comment> = try await harness.call(
                    .listComments, ListRequest(containerId: "Case", itemId: itemId), connection: harness.connection())
            }
            // Salesforce read the whole value as one Id literal and refused it as an Id, not as malformed SOQL.
            #expect(refused?.code == "invalid_input")
            #expect(refused?.details?["providerCode"] == "INVALID_QUERY_FILTER_OPERATOR")
            let sent = try #require(harness.salesforce.exchanges.all.last)
            let soql = try #require(SalesforceWireQuery.q(sent.query))
            let statement = try SOQLParser.parse(soql)
            #expect(statement.condition == .comparison(field: "ParentId", operator: "=", value: .string(itemId)))
        }
    }

    @Test func aTamperedSyncCheckpointIdIsEscaped() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.org.insertAccounts(2)
            let checkpoint: JSONValue = ["object": "Account", "modstamp": "2024-03-01T10:01:00.000Z", "id": "001' OR Name != '"]
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: SyncPage = try await harness.call(
                    .syncPage, SyncPageRequest(mode: .incremental, containerId: "Account", checkpoint: checkpoint), connection: harness.connection())
            }
            #expect(refused?.details?["providerCode"] == "INVALID_QUERY_FILTER_OPERATOR")
        }
    }

    @Test func aForgedCursorCannotPointTheConnectorElsewhere() async throws {
        try await SalesforceHarness.run { harness in
            let forged = try Cursor.encode(
                QueryPosition(scope: "items:Account:", locator: "//evil.example.com/services/data/v66.0/query/01g-1", after: nil, skip: 0))
            let refused = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account", cursor: forged), connection: harness.connection())
            }
            #expect(refused?.code == "invalid_input")
            #expect(!harness.salesforce.exchanges.all.contains { $0.path.contains("/query") })

            // Positions outside any list are refused rather than trusted.
            let backwards = try Cursor.encode(ListOffset(offset: -5))
            let negative = await #expect(throws: ErrorDocument.self) {
                let _: Page<Container> = try await harness.call(.listContainers, ListRequest(cursor: backwards), connection: harness.connection())
            }
            #expect(negative?.code == "invalid_input")
            let skipping = try Cursor.encode(QueryPosition(scope: "items:Account:", locator: nil, after: nil, skip: -3))
            let skipped = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account", cursor: skipping), connection: harness.connection())
            }
            #expect(skipped?.code == "invalid_input")
        }
    }

    @Test func soqlLiteralsEscapeWhatTheReferenceLists() throws {
        #expect(try SOQL.quote("O'Brien \\ \"x\"\n\t") == #"'O\'Brien \\ \"x\"\n\t'"#)
        #expect(throws: ErrorDocument.self) { try SOQL.quote("nul\u{0}") }
        // The stand-in reads back exactly what was quoted.
        let value = "a'b\\c\"d\ne\rf\tg\u{08}h\u{0C}i"
        let statement = try SOQLParser.parse("SELECT Id FROM Account WHERE Name = \(try SOQL.quote(value))")
        #expect(statement.condition == .comparison(field: "Name", operator: "=", value: .string(value)))
    }

    @Test func theStandInParserRefusesWhatSalesforceRefuses() throws {
        for malformed in [
            "SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' AND Id = 'c'",
            "SELECT Id FROM Account WHERE Name = 'unterminated",
            "SELECT Id FROM Account WHERE Name = 'a\\qb'",
            "SELECT Id FROM Account; DELETE FROM Account",
            "SELECT FROM Account",
        ] {
            #expect(throws: SOQLError.self) { try SOQLParser.parse(malformed) }
        }
    }
}

/// The `q` parameter of a recorded query string, decoded the way Salesforce reads it.
enum SalesforceWireQuery {
    static func q(_ query: String) -> String? {
        for pair in query.split(separator: "&") where pair.hasPrefix("q=") {
            return String(pair.dropFirst(2)).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }
}
