import HostTesting
import Testing

extension HostHarness {
    /// Serves the host on a port of its own choosing for the time of `body`,
    /// which reaches it through sockets like any client would.
    func serve<Value: Sendable>(_ body: @escaping @Sendable (HostSocketClient) async throws -> Value) async throws -> Value {
        try await test(.live) { client in
            let port = try #require(client.client.port, "the host is not listening on a socket")
            return try await body(try HostSocketClient(port: port))
        }
    }
}
