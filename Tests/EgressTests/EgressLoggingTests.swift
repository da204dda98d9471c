import Egress
import HostLogging
import Logging
import Testing

/// One log line per request, and no credentials in it, ever.
@Suite struct EgressLoggingTests {
    static let secrets = ["QuerySecretValue111", "HeaderSecretValue222", "CookieSecretValue333", "ApiKeySecretValue444", "BodySecret555"]

    static func secretRequest(_ server: TestServer) -> EgressRequest {
        EgressRequest(
            method: "POST",
            url: server.url("/echo?page=2&access_token=QuerySecretValue111"),
            headers: [
                EgressHeader(name: "Authorization", value: "Bearer HeaderSecretValue222"),
                EgressHeader(name: "Cookie", value: "session=CookieSecretValue333"),
                EgressHeader(name: "X-Api-Key", value: "ApiKeySecretValue444"),
            ],
            body: Array(#"{"password":"BodySecret555"}"#.utf8),
            logMetadata: ["connector": "jira", "request_id": "req-42"])
    }

    @Test func structuredLogLineHasContextButNoSecrets() async throws {
        try await TestServer.run { server in
            let logs = CapturedLogs()
            let logger = Logger(label: "egress") { label in
                StructuredLogHandler(label: label, level: .debug, format: .json, sink: logs.sink)
            }
            try await withClient(logger: logger) { client in
                let response = try await client.send(Self.secretRequest(server))
                #expect(response.status == 200)
            }
            let lines = logs.all.filter { $0.contains("egress request finished") }
            #expect(lines.count == 1)
            let line = try #require(lines.first)
            for expected in ["POST", "page=2", "access_token=***", #""egress.status":"200""#, "jira", "req-42", "egress.duration_ms", "egress.attempts"] {
                #expect(line.contains(expected), "missing \(expected) in \(line)")
            }
            for secret in Self.secrets { #expect(!logs.text.contains(secret)) }
        }
    }

    /// Stronger than the test above: a handler that masks nothing still never sees a secret.
    @Test func noSecretEverReachesAHandler() async throws {
        try await TestServer.run { server in
            let (logger, store) = RawCapturingHandler.logger()
            try await withClient(logger: logger) { client in
                _ = try await client.send(Self.secretRequest(server))
                _ = await outcome(of: EgressRequest(url: "http://127.0.0.1:1/?access_token=QuerySecretValue111"), on: client)
                _ = await outcome(of: EgressRequest(url: "ftp://user:QuerySecretValue111@example.com/"), on: client)
            }
            #expect(store.all.count >= 3)
            for record in store.all {
                for secret in Self.secrets { #expect(!record.everything.contains(secret), "\(record.everything)") }
            }
        }
    }

    @Test func failuresAndRateLimitsAreLoggedAtInfo() async throws {
        try await TestServer.run { server in
            let (logger, store) = RawCapturingHandler.logger(level: .info)
            try await withClient(logger: logger) { client in
                _ = await outcome(of: EgressRequest(url: "http://127.0.0.1:1/", logMetadata: ["connector": "c1"]), on: client)
                _ = try await client.send(EgressRequest(url: server.url("/limited?key=z&status=429&after=3600")))
                _ = try await client.send(EgressRequest(url: server.url("/echo")))  // debug: filtered out
            }
            let records = store.all
            #expect(records.count == 2)
            let failure = try #require(records.first { $0.metadata["egress.error_kind"] != nil })
            #expect(failure.level == .info)
            #expect(failure.metadata["egress.error_kind"] == "connectFailed")
            #expect(failure.metadata["connector"] == "c1")
            let limited = try #require(records.first { $0.metadata["egress.status"] == "429" })
            #expect(limited.level == .info)
        }
    }
}
