import Egress
import Testing

/// `Retry-After` on 429 and 503: honoured up to the cap and the attempt limit, otherwise returned as is.
@Suite struct EgressRetryTests {
    @Test func tooManyRequestsWithShortRetryAfterIsRetried() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(url: server.url("/limited?key=a&status=429&after=1")))
                #expect(response.status == 200)
                #expect(response.attempts == 2)
                #expect(server.record.count("a") == 2)
            }
        }
    }

    @Test func retryAfterBeyondTheCapIsReturnedAtOnce() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(url: server.url("/limited?key=b&status=429&after=3600")))
                #expect(response.status == 429)
                #expect(response.attempts == 1)
                #expect(response.header("retry-after") == "3600")
                #expect(response.body == Array("slow down".utf8))
                #expect(server.record.count("b") == 1)
            }
        }
    }

    @Test func retryAfterBeyondTheRequestTimeoutIsReturnedAtOnce() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                // Generous numbers, so a loaded machine cannot turn this into a timeout.
                let request = EgressRequest(url: server.url("/limited?key=t&status=429&after=25"), timeout: .seconds(10))
                let response = try await client.send(request)
                #expect(response.status == 429)
                #expect(response.attempts == 1)
            }
        }
    }

    @Test func serviceUnavailableWithHTTPDateIsRetried() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(url: server.url("/limited?key=c&status=503&after=date1")))
                #expect(response.status == 200)
                #expect(response.attempts == 2)
            }
        }
    }

    @Test func attemptsStopAtTheLimit() async throws {
        try await TestServer.run { server in
            try await withClient(EgressConfiguration(maxAttempts: 3)) { client in
                let response = try await client.send(EgressRequest(url: server.url("/limited?key=d&status=429&after=0&always=1")))
                #expect(response.status == 429)
                #expect(response.attempts == 3)
                #expect(server.record.count("d") == 3)
            }
        }
    }

    @Test(arguments: ["/limited?key=e&status=503&after=none", "/limited?key=f&status=500&after=0"])
    func otherAnswersAreNotRetried(path: String) async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(url: server.url(path)))
                #expect(response.status != 200)
                #expect(response.attempts == 1)
            }
        }
    }

    @Test func postBodyIsResentOnRetry() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                // The /limited route ignores bodies; what matters is that a POST is retried at all.
                let response = try await client.send(
                    EgressRequest(method: "POST", url: server.url("/limited?key=g&status=429&after=0"), body: Array("payload".utf8)))
                #expect(response.status == 200)
                #expect(response.attempts == 2)
            }
        }
    }

    @Test func cancellingDuringTheRetryWaitCompletesAtOnce() async throws {
        try await TestServer.run { server in
            try await withClient(EgressConfiguration(retryAfterCap: .seconds(60))) { client in
                let completions = Completions()
                let ticket = client.start(
                    EgressRequest(url: server.url("/limited?key=h&status=429&after=10")), completion: completions.handler)
                try await eventually("the first attempt was answered") { server.record.count("h") == 1 }
                client.cancel(ticket)
                try await eventually("the request completed") { completions.all.count == 1 }
                #expect(completions.all.first?.errorKind == .cancelled)
                #expect(server.record.count("h") == 1)
            }
        }
    }
}
