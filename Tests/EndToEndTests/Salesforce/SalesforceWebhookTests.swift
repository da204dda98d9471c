import ConnectorModel
import Testing

/// Salesforce has no REST API to register webhooks: the host says so, and what to use instead.
@Suite struct SalesforceWebhookTests {
    @Test func subscribingIsNotSupportedAndPointsToIncrementalSync() async throws {
        try await SalesforceHost.run { session, _ in
            let connectionId = try await session.connect()
            let reply = try await session.post(
                "/api/connectors/salesforce/webhooks", ["connectionId": .string(connectionId), "callbackUrl": "https://app.example/hooks"])
            #expect(reply.status == 501)
            #expect(reply.errorCode == "webhooks_not_supported")
            #expect(reply.body["error"]?["details"]?["alternative"] == "incremental_sync")
            #expect(reply.body["error"]?["details"]?["connector"] == "salesforce")
            #expect(reply.body["error"]?["message"]?.stringValue?.contains("Change Data Capture") == true)
            #expect(session.salesforce.exchanges.all.allSatisfy { !$0.path.contains("webhook") })
        }
    }
}
