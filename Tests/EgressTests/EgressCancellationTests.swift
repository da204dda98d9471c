import Egress
import Testing

/// Cancellation through a ticket, through the calling task, and through shutdown.
@Suite struct EgressCancellationTests {
    @Test func ticketCancelsARunningRequest() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let completions = Completions()
                let ticket = client.start(EgressRequest(url: server.url("/sleep/10000")), completion: completions.handler)
                try await eventually("the server has the request") { server.record.count("sleep") == 1 }
                client.cancel(ticket)
                try await eventually("the request completed") { !completions.all.isEmpty }
                #expect(completions.all.count == 1)
                #expect(completions.all.first?.errorKind == .cancelled)
                client.cancel(ticket)  // already completed: ignored, no second completion
                let after = try await client.send(EgressRequest(url: server.url("/echo")))
                #expect(after.status == 200)
                #expect(completions.all.count == 1)
            }
        }
    }

    @Test func taskCancellationCancelsTheTransfer() async throws {
        try await TestServer.run { server in
            try await withClient { client in
                let task = Task { await outcome(of: EgressRequest(url: server.url("/sleep/10000")), on: client) }
                try await eventually("the server has the request") { server.record.count("sleep") == 1 }
                task.cancel()
                #expect(await task.value.errorKind == .cancelled)
            }
        }
    }

    @Test func alreadyCancelledTaskDoesNotSend() async throws {
        try await TestServer.run { server in
            await withClient { client in
                let result = await Task {
                    withUnsafeCurrentTask { $0?.cancel() }
                    return await outcome(of: EgressRequest(url: server.url("/sleep/10000")), on: client)
                }.value
                #expect(result.errorKind == .cancelled)
            }
        }
    }

    @Test func shutdownCancelsPendingRequests() async throws {
        try await TestServer.run { server in
            let client = EgressClient(logger: quietLogger)
            let completions = Completions()
            for _ in 0..<3 { client.start(EgressRequest(url: server.url("/sleep/10000")), completion: completions.handler) }
            try await eventually("the server has all three") { server.record.count("sleep") == 3 }
            client.shutdown()
            // shutdown() returns after the egress thread delivered every completion.
            #expect(completions.all.count == 3)
            #expect(completions.all.allSatisfy { $0.errorKind == .cancelled })

            let late = Completions()
            client.start(EgressRequest(url: server.url("/echo")), completion: late.handler)
            #expect(late.all.count == 1 && late.all.first?.errorKind == .cancelled)
            #expect(await outcome(of: EgressRequest(url: server.url("/echo")), on: client).errorKind == .cancelled)
            client.shutdown()  // idempotent
        }
    }

    @Test func shutdownFromACompletionDoesNotDeadlock() async throws {
        try await TestServer.run { server in
            let client = EgressClient(logger: quietLogger)
            let completions = Completions()
            client.start(EgressRequest(url: server.url("/echo"))) { result in
                client.shutdown()
                completions.handler(result)
            }
            try await eventually("the completion ran") { completions.all.count == 1 }
            #expect((try? completions.all.first?.get().status) == 200)
        }
    }
}
