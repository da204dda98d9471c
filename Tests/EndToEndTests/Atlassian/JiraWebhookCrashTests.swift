import ConnectorModel
import Foundation
import HostTesting
import StandIns
import TestKit
import Testing

extension AtlassianEndToEnd {
    /// A delivery Jira was told 202 for is in the store's outbox: when the
    /// host is killed (SIGKILL) before the tenant took it, another host on the
    /// same store forwards it, as the same delivery.
    @Suite struct JiraWebhookCrashTests {
        @Test func aDeliveryAcceptedBeforeTheHostWasKilledReachesTheTenantFromAnotherHost() async throws {
            let shared = try TemporaryDirectory("webhook-crash")
            defer { shared.remove() }
            let store = shared.file("store/host.sqlite").path
            try await CallbackReceiver.with(failures: 1) { receiver in
                try await AtlassianHost.withCloud { cloud in
                    let survivor = try await AtlassianHost.make { $0.sqlitePath = store }
                    defer { survivor.remove() }

                    let settings = try AtlassianHost.childSettings(
                        in: shared, store: store, encryptionKey: try #require(survivor.configuration.encryptionKey), port: try await FreeTCPPort.pick())
                    try await ChildHost.run(settings: settings, in: shared) { port, kill in
                        let session = AtlassianSession(cloud: cloud, harness: nil, rest: try HostSocketClient(port: port))
                        try #require(try await session.configureOperatorSettings(.jira).status == 200)
                        let connectionId = try await session.connectOAuth(.jira)
                        let subscribed = try await session.post(
                            "/api/connectors/jira/webhooks", ["connectionId": .string(connectionId), "callbackUrl": .string(receiver.url)])
                        try #require(subscribed.status == 201, "\(subscribed.text)")
                        let issue = try #require(cloud.jira.issue("OPS-1"))
                        let delivery = try #require(try await cloud.jira.deliveries("jira:issue_created", issue: issue).first)
                        #expect(try await session.deliver(delivery).status == 202)
                        // Killed while its first attempt is answered (500): the host never makes another.
                        try await eventually("the first attempt") { receiver.received.count == 1 }
                        kill()
                    }

                    try await AtlassianHost.serve(survivor, cloud: cloud) { _ in
                        // Within the dead host's 15 s lease on the delivery, or its 1 s retry if it stored that first.
                        try await eventually(timeout: .seconds(45), "the delivery from the second host") { receiver.received.count >= 2 }
                        let attempts = receiver.received
                        #expect(attempts.map(\.status) == [500, 200])
                        #expect(Set(attempts.compactMap { $0.headers["x-connector-delivery"] }).count == 1, "the same delivery, not a new one")
                        #expect(attempts.last?.json?["events"]?.arrayValue?.first?["type"] == "item.created")
                    }
                }
            }
        }
    }
}
