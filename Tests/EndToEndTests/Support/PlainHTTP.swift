import HTTPTypes
import HummingbirdTesting
import NIOCore

/// One HTTP/1.1 request over a connection of its own; redirects are not followed.
enum PlainHTTP {
    static func send(
        _ method: HTTPRequest.Method, host: String = "127.0.0.1", port: Int, path: String, headers: HTTPFields = [:], body: [UInt8]? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> TestClient.Response {
        try await TestClient.withClient(host: host, port: port, configuration: .init(timeout: timeout)) { client in
            try await client.execute(
                TestClient.Request(path, method: method, authority: "\(host):\(port)", headers: headers, body: body.map { ByteBuffer(bytes: $0) }))
        }
    }
}
