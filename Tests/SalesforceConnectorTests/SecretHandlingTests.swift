import ConnectorSDK
import StandIns
import Testing

@testable import SalesforceConnector

/// The connector logs what it did, never with what it did it.
@Suite struct SalesforceSecretHandlingTests {
    @Test func logsAndURLsHoldNoTokenOrClientSecret() async throws {
        try await SalesforceHarness.run { harness in
            harness.salesforce.org.insertAccounts(3)
            let connection = harness.connection()
            let _: Page<Container> = try await harness.call(.listContainers, ListRequest(), connection: connection)
            let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account"), connection: connection)
            let _: ConnectionGrant = try await harness.call(.refreshOAuthToken, NoInput(), connection: connection)
            harness.salesforce.inject(.serverError)
            let _ = await #expect(throws: ErrorDocument.self) {
                let _: Page<Item> = try await harness.call(.listItems, ListRequest(containerId: "Account"), connection: connection)
            }
            #expect(!harness.host.logs.isEmpty)
            #expect(harness.leakedSecrets(connection).isEmpty)
        }
    }

    @Test func providerTextEchoingASecretIsMasked() {
        let response = HTTPResponse(
            status: 400, body: Array(#"[{"errorCode":"INVALID_FIELD","message":"bad value s3cr3t-token in filter"}]"#.utf8))
        let document = SalesforceErrors.document(for: response, what: "the query", secrets: ["s3cr3t-token"])
        #expect(document.code == "invalid_input")
        #expect(!document.message.contains("s3cr3t-token"))
        #expect(document.message.contains("[redacted]"))
    }
}
