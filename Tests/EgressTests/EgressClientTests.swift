import Egress
import Testing

/// Requests against a real server: methods, bodies, headers, concurrency, connection reuse.
@Suite struct EgressClientTests {
    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(
                    EgressRequest(url: server.url("/echo"), headers: [EgressHeader(name: "X-Trace", value: "abc 123")]))
                #expect(response.status == 200)
                #expect(response.attempts == 1)
                #expect(response.body.isEmpty)
                #expect(response.header("x-echo-method") == "GET")
                #expect(response.header("x-echo-x-trace") == "abc 123")
                #expect(response.header("x-echo-user-agent") == EgressConfiguration.default.userAgent)
            }
        }
    }

    @Test func responseHeaderNamesAreLowerCasedInOrder() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(url: server.url("/echo")))
                #expect(response.headers.allSatisfy { $0.name == $0.name.lowercased() })
                #expect(response.headers.contains(EgressHeader(name: "x-mixed-case", value: "Value-Kept")))
                let names = response.headers.map(\.name)
                let method = try #require(names.firstIndex(of: "x-echo-method"))
                let mixed = try #require(names.firstIndex(of: "x-mixed-case"))
                #expect(method < mixed, "the server sent x-echo-method first")
            }
        }
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE"])
    func bodyAndHeadersAreSent(method: String) async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let body = Array(#"{"summary":"hello","n":42}"#.utf8)
                let response = try await client.send(
                    EgressRequest(
                        method: method, url: server.url("/echo"),
                        headers: [EgressHeader(name: "Content-Type", value: "application/json"), EgressHeader(name: "X-Empty", value: "")],
                        body: body))
                #expect(response.status == 200)
                #expect(response.header("x-echo-method") == method)
                #expect(response.body == body)
                #expect(response.header("x-echo-content-type") == "application/json")
                #expect(response.header("x-echo-content-length") == "\(body.count)")
                #expect(response.header("x-echo-x-empty") == "")
                #expect(response.header("x-echo-expect") == nil, "curl's Expect: 100-continue is switched off")
            }
        }
    }

    @Test func largeBodyIsSentWhole() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                let response = try await client.send(EgressRequest(method: "POST", url: server.url("/echo"), body: body))
                #expect(response.body == body)
                #expect(response.header("x-echo-content-type") == nil, "no form-urlencoded default")
            }
        }
    }

    @Test func emptyPutAnnouncesItsEmptyBody() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(method: "PUT", url: server.url("/echo")))
                #expect(response.header("x-echo-content-length") == "0")
            }
        }
    }

    @Test func headHasNoBody() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(method: "HEAD", url: server.url("/big?bytes=100")))
                #expect(response.status == 200)
                #expect(response.body.isEmpty)
            }
        }
    }

    @Test func redirectsAreReturnedNotFollowed() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let response = try await client.send(EgressRequest(url: server.url("/redirect")))
                #expect(response.status == 302)
                #expect(response.header("location") == "/echo")
            }
        }
    }

    @Test func manyConcurrentRequestsAllComplete() async throws {
        try await TestServer.run { server in
            await withClient { client in
                let count = 200
                let matched = await withTaskGroup(of: Bool.self) { group in
                    for index in 0..<count {
                        group.addTask {
                            let body = Array("request \(index)".utf8)
                            // A long timeout: requests queue for the capped connections, and a loaded machine is slow.
                            let response = try? await client.send(EgressRequest(method: "POST", url: server.url("/echo"), body: body, timeout: .seconds(120)))
                            return response?.status == 200 && response?.body == body
                        }
                    }
                    return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(matched == count)
                #expect(server.record.connections < count, "connections are reused across requests")
                #expect(server.record.connections <= EgressConfiguration.default.maxConnectionsPerHost)
            }
        }
    }

    @Test func sequentialRequestsReuseTheConnection() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                var ports: Set<String> = []
                for _ in 0..<10 {
                    let response = try await client.send(EgressRequest(url: server.url("/peer")))
                    ports.insert(String(decoding: response.body, as: UTF8.self))
                }
                #expect(ports.count < 10)
                #expect(server.record.connections == ports.count)
            }
        }
    }

    @Test func concurrentConnectionsPerHostAreCapped() async throws {
        try await TestServer.run { server in
            await withClient(EgressConfiguration(maxConnectionsPerHost: 2)) { client in
                let statuses = await withTaskGroup(of: Int.self) { group in
                    for _ in 0..<12 {
                        group.addTask { (try? await client.send(EgressRequest(url: server.url("/concurrency"), timeout: .seconds(120))))?.status ?? 0 }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == Array(repeating: 200, count: 12))
                #expect(server.record.maxInFlight <= 2)
                #expect(server.record.connections <= 2)
            }
        }
    }

    @Test func aSaturatedHostDoesNotHoldUpAnother() async throws {
        try await TestServer.run { server in
            try await withClient(EgressConfiguration(maxConnectionsPerHost: 2)) { client in
                let slow = Completions()
                let tickets = (0..<4).map { _ in client.start(EgressRequest(url: server.url("/sleep/10000")), completion: slow.handler) }
                try await eventually("both connections to 127.0.0.1 are busy") { server.record.count("sleep") == 2 }
                // Same server, different host name: curl counts it as another host.
                let other = try await client.send(EgressRequest(url: "http://localhost:\(server.port)/echo"))
                #expect(other.status == 200)
                #expect(server.record.count("sleep") == 2, "the other two are still queued inside curl")
                #expect(slow.all.isEmpty)
                for ticket in tickets { client.cancel(ticket) }
                try await eventually("the slow requests were cancelled") { slow.all.count == 4 }
                #expect(slow.all.allSatisfy { $0.errorKind == .cancelled })
            }
        }
    }
}
