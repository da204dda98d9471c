import Egress
import Testing

/// Every transport failure maps to one `EgressError.Kind`, with a message free of secrets.
@Suite struct EgressFailureTests {
    @Test func slowServerTimesOut() async throws {
        try await TestServer.run { server in
            await withClient { client in
                let result = await outcome(of: EgressRequest(url: server.url("/sleep/5000"), timeout: .milliseconds(300)), on: client)
                #expect(result.errorKind == .timeout)
            }
        }
    }

    @Test func defaultTimeoutApplies() async throws {
        try await TestServer.run { server in
            await withClient(EgressConfiguration(defaultTimeout: .milliseconds(300))) { client in
                let result = await outcome(of: EgressRequest(url: server.url("/sleep/5000")), on: client)
                #expect(result.errorKind == .timeout)
            }
        }
    }

    @Test func closedPortFailsToConnect() async {
        await withClient { client in
            let result = await outcome(of: EgressRequest(url: "http://127.0.0.1:1/x?access_token=closedport-secret"), on: client)
            #expect(result.errorKind == .connectFailed)
            if case .failure(let error) = result {
                #expect(!error.message.contains("closedport-secret"))
            }
        }
    }

    @Test func unresolvableHostFailsToConnect() async {
        await withClient { client in
            let result = await outcome(of: EgressRequest(url: "http://no-such-host.invalid/"), on: client)
            #expect(result.errorKind == .connectFailed)
        }
    }

    @Test func tlsHandshakeFailureIsAConnectFailure() async throws {
        try await TestServer.run { server in
            await withClient { client in
                // The test server speaks plain HTTP, so the TLS handshake (OpenSSL) fails.
                let url = server.url("/echo").replacing("http://", with: "https://")
                let result = await outcome(of: EgressRequest(url: url), on: client)
                #expect(result.errorKind == .connectFailed)
            }
        }
    }

    @Test(arguments: [
        "ftp://example.com/file", "file:///etc/passwd", "garbage", "", "http://", "https://exa mple.com/",
        "gopher://user:hunter2-secret@example.com/", "//example.com/no-scheme",
    ])
    func unsupportedOrMalformedURLsAreRefused(url: String) async {
        await withClient { client in
            let result = await outcome(of: EgressRequest(url: url), on: client)
            #expect(result.errorKind == .refused)
            if case .failure(let error) = result {
                #expect(!error.message.contains("hunter2"))
            }
        }
    }

    @Test func badMethodsAndHeadersAreRefused() async {
        await withClient { client in
            let url = "http://127.0.0.1:1/"
            let requests = [
                EgressRequest(method: "TRACE", url: url),
                EgressRequest(method: "HEAD", url: url, body: [1]),
                EgressRequest(url: url, headers: [EgressHeader(name: "X-Injected", value: "a\r\nAuthorization: Bearer x")]),
                EgressRequest(url: url, headers: [EgressHeader(name: "Bad Name", value: "v")]),
                EgressRequest(url: url, timeout: .zero),
            ]
            for request in requests {
                #expect(await outcome(of: request, on: client).errorKind == .refused)
            }
        }
    }

    @Test func refusedRequestsCompleteThroughTheCallbackToo() async throws {
        try await withClient { client in
            let completions = Completions()
            client.start(EgressRequest(url: "ftp://example.com/"), completion: completions.handler)
            try await eventually("the refusal was delivered") { completions.all.count == 1 }
            #expect(completions.all.first?.errorKind == .refused)
        }
    }

    @Test(arguments: ["/big?bytes=4096", "/big-stream?bytes=4096"])
    func oversizeResponseFails(path: String) async throws {
        try await TestServer.run { server in
            await withClient(EgressConfiguration(maxResponseBytes: 1024)) { client in
                let result = await outcome(of: EgressRequest(url: server.url(path)), on: client)
                #expect(result.errorKind == .failed)
                if case .failure(let error) = result {
                    #expect(error.message.contains("exceeds the limit of 1024 bytes"))
                }
            }
        }
    }

    @Test func responseAtTheLimitIsAccepted() async throws {
        try await TestServer.run { server in
            try await withClient(EgressConfiguration(maxResponseBytes: 1024)) { client in
                let response = try await client.send(EgressRequest(url: server.url("/big-stream?bytes=1024")))
                #expect(response.body.count == 1024)
            }
        }
    }
}
