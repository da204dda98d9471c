import ConnectorModel
import Egress
import Foundation
import Logging
import Synchronization
import TestKit
import Testing

/// The embedded store keeps every write it acknowledged, even when the host
/// is killed without warning in the middle of a burst.
@Suite struct DurabilityTests {
    @Test func everyAcknowledgedWriteSurvivesKillNine() async throws {
        let folder = try TemporaryDirectory("durability")
        defer { folder.remove() }
        let plugins = folder.file("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        try await CPluginCompiler.fixture(to: plugins.appendingPathComponent("fixture.so"))
        let settings = [
            "PORT": "0", "PLUGINS_DIR": plugins.path, "SQLITE_PATH": folder.file("host.sqlite").path, "AUTH_MODE": "development",
            "ENCRYPTION_KEY": "J0AwVdjOlSXU4RxhgEK8DtCeTaEpW5ijhGv8yvCvCmI=",
        ]
        let client = PlainClient()
        defer { client.close() }
        let acknowledged = Acknowledged()

        let connectionId = try await ChildHost.run(settings: settings, in: folder) { port, kill in
            let created = try await client.send(port, "POST", "/api/connections", #"{"connectorId":"fixture","siteUrl":"https://a.example","apiKey":"durable-key-1"}"#)
            let connectionId = try #require(created["data"]?["connectionId"]?.stringValue)
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for sequence in 0..<100_000 {
                            let stream = "w\(writer)-\(sequence)"
                            let body = #"{"stream":"\#(stream)","checkpoint":{"n":\#(sequence)}}"#
                            guard let reply = try? await client.send(port, "POST", "/api/connections/\(connectionId)/sync-state", body),
                                reply["ok"] == true
                            else { return }
                            acknowledged.insert(stream)
                            if acknowledged.count >= 400 { kill() }
                        }
                    }
                }
            }
            return connectionId
        }
        #expect(acknowledged.count >= 400)

        let stored = try await ChildHost.run(settings: settings, in: folder) { port, _ in
            let states = try await client.send(port, "GET", "/api/connections/\(connectionId)/sync-state", nil)
            return Set(states["data"]?.arrayValue?.compactMap { $0["stream"]?.stringValue } ?? [])
        }
        let missing = acknowledged.all.subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost after kill -9: \(missing.sorted().prefix(10))")
    }
}

/// Writes the server answered 200 to.
final class Acknowledged: Sendable {
    private let streams = Mutex<Set<String>>([])

    func insert(_ stream: String) { streams.withLock { _ = $0.insert(stream) } }
    var count: Int { streams.withLock { $0.count } }
    var all: Set<String> { streams.withLock { $0 } }
}

/// JSON over HTTP to a child host, through the project's own libcurl client.
final class PlainClient: Sendable {
    private let egress: EgressClient

    init() {
        var logger = Logger(label: "test-client")
        logger.logLevel = .critical
        egress = EgressClient(logger: logger)
    }

    func send(_ port: Int, _ method: String, _ path: String, _ json: String?) async throws -> JSONValue {
        var headers = [EgressHeader(name: "X-Tenant-Id", value: "acme")]
        if json != nil { headers.append(EgressHeader(name: "Content-Type", value: "application/json")) }
        let response = try await egress.send(
            EgressRequest(method: method, url: "http://127.0.0.1:\(port)\(path)", headers: headers, body: Array((json ?? "").utf8), timeout: .seconds(10)))
        return try WireCoding.decode(JSONValue.self, from: response.body)
    }

    func close() { egress.shutdown() }
}
