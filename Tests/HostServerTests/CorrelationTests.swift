import HostTesting
import ConnectorModel
import HTTPTypes
import TestKit
import Testing

@Suite struct CorrelationTests {
    @Test func echoesTheClientsRequestId() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let reply = try await client.get("/", headers: [HTTPField.Name("X-Request-Id")!: "req-123"])
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == "req-123")
        }
        #expect(harness.logs.all.contains { $0.contains("\"requestId\":\"req-123\"") && $0.contains("request completed") })
    }

    @Test func acceptsACorrelationIdAndEchoesItUnderBothNames() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let reply = try await client.get("/api/connectors", headers: [HTTPField.Name("X-Correlation-Id")!: "corr-9"])
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == "corr-9")
            #expect(reply.headers[HTTPField.Name("X-Correlation-Id")!] == "corr-9")
        }
    }

    @Test func generatesAnIdWhenTheClientSentNoneOrAnUnusableOne() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let generated = try await client.get("/")
            let id = try #require(generated.headers[HTTPField.Name("X-Request-Id")!])
            #expect(id.count == 36)
            let replaced = try await client.get("/", headers: [HTTPField.Name("X-Request-Id")!: "has spaces \u{7}"])
            #expect(replaced.headers[HTTPField.Name("X-Request-Id")!]?.contains(" ") == false)
        }
    }

    @Test func errorsCarryTheRequestIdInTheirLogLine() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            let reply = try await client.get("/api/connectors/ghost", headers: [HTTPField.Name("X-Request-Id")!: "req-404"])
            #expect(reply.status == 404)
        }
        #expect(harness.logs.all.contains { $0.contains("request refused") && $0.contains("\"requestId\":\"req-404\"") })
    }

    @Test func theApiTagReachesTheCompletionLine() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            try await client.get("/api/plugins", headers: [HTTPField.Name("X-Api-Tag")!: "nightly-sync"])
        }
        let line = try #require(harness.logs.all.first { $0.contains("request completed") && $0.contains("/api/plugins") })
        #expect(line.contains("\"apiTag\":\"nightly-sync\""))
        #expect(line.contains("\"status\":\"200\""))
        #expect(line.contains("\"durationMs\""))
    }

    @Test func theSameTestRunsOverARealSocket() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test(.live) { client in
            let reply = try await client.get("/", headers: [HTTPField.Name("X-Request-Id")!: "live-1"])
            #expect(reply.status == 200)
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == "live-1")
            #expect(reply.data["plugins"]?["loaded"] == 1)
        }
    }
}
