import ConnectorSDK
import Foundation
import StandIns
import ConnectorTestSupport
import Testing

@testable import SalesforceConnector

/// Every request of a session that uses each operation is checked against
/// Salesforce's own request collection: same method, same path template, and
/// every parameter the definition sends present. A queryMore request goes to a
/// `nextRecordsUrl` (not in the collection), so it must be one the org handed out.
@Suite struct SalesforceRequestShapeTests {
    @Test func everyRequestFollowsSalesforcesRequestCollection() async throws {
        let collection = try PostmanCollection.load()
        #expect(collection.requests.count == 21)
        try await SalesforceHarness.run { harness in
            try await runEveryOperation(harness)

            var forms = harness.salesforce.formSubmissions
            var followed: Set<String> = []
            for exchange in harness.salesforce.exchanges.all {
                let request = "\(exchange.method) \(exchange.path)"
                if exchange.method == "GET", harness.salesforce.nextRecordsUrls.contains(exchange.path) {
                    continue
                }
                let candidates = collection.candidates(method: exchange.method, path: exchange.path)
                #expect(!candidates.isEmpty, "\(request) is in no request definition")
                let query = Set(exchange.query.split(separator: "&").map { String($0.split(separator: "=", maxSplits: 1)[0]) })
                var body: Set<String> = []
                if exchange.method == "POST", let index = forms.firstIndex(where: { $0.path == exchange.path }) {
                    body = forms.remove(at: index).fieldNames
                }
                let matching = candidates.filter { $0.queryParameters.isSubset(of: query) && $0.bodyParameters.isSubset(of: body) }
                #expect(!matching.isEmpty, "\(request) lacks parameters of \(candidates.map(\.name)): sent \(query.sorted()) \(body.sorted())")
                followed.formUnion(matching.map(\.name))
            }
            #expect(
                followed.isSuperset(of: [
                    "web_server_flow_1.json", "web_server_flow_2.json", "refresh_token.json", "revoke_token.json", "user_info.json",
                    "limit.json", "describe_global.json", "sobject_describe.json", "query.json", "sobject_get_deleted.json",
                ]))
        }
    }

    /// OAuth from authorization to revocation, checks, browsing across batches, comments and sync.
    private func runEveryOperation(_ harness: SalesforceHarness) async throws {
        let org = harness.salesforce.org
        org.insertAccounts(250)
        let caseId = org.insert("Case", ["Subject": "Broken"])
        org.insert("CaseComment", ["ParentId": .string(caseId), "CommentBody": "Looking"])

        let verifier = OAuthBrowser.makeVerifier()
        let code = try await OAuthBrowser.code(
            for: SalesforceConnector.manifest, endpoints: ["login": harness.salesforce.loginURL], clientId: harness.salesforce.oauth.app.clientId, verifier: verifier, egress: harness.egress)
        let grant: ConnectionGrant = try await harness.call(
            .exchangeOAuthCode, OAuthCodeExchange(code: code, codeVerifier: verifier, redirectUri: OAuthBrowser.redirectURI, scopes: []),
            connection: nil)
        var connection = ConnectionContext(config: grant.connectionConfig, credentials: grant.credentials)
        let refreshed: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
        connection.credentials = refreshed.credentials

        let _: ValidationResult = try await harness.call(.validate, NoInput(), connection: connection)
        let _: ProbeResult = try await harness.call(.probe, NoInput(), connection: connection)
        let _: Page<Container> = try await harness.call(.listContainers, ListRequest(limit: 2, includeRaw: true), connection: connection)
        var cursor: String?
        repeat {
            let page: Page<Item> = try await harness.call(
                .listItems, ListRequest(containerId: "Account", limit: 100, cursor: cursor, updatedSince: "2024-01-01T00:00:00Z"),
                connection: connection)
            cursor = page.nextCursor
        } while cursor != nil
        let _: Page<ConnectorModel.Comment> = try await harness.call(.listComments, ListRequest(itemId: caseId), connection: connection)
        let full: SyncPage = try await harness.call(
            .syncPage, SyncPageRequest(mode: .full, containerId: "Account", limit: 500), connection: connection)
        let _: SyncPage = try await harness.call(
            .syncPage, SyncPageRequest(mode: .incremental, containerId: "Account", checkpoint: full.checkpoint), connection: connection)
        let _: RevocationResult = try await harness.call(.revoke, NoInput(), connection: connection)
        #expect(!harness.salesforce.nextRecordsUrls.isEmpty)
    }
}
