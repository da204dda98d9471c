import ConnectorModel
import Foundation
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
        try CPluginCompiler.fixture(to: plugins.appendingPathComponent("fixture.so"))
        let database = folder.file("host.sqlite").path

        let first = try await HostProcess(pluginsDirectory: plugins.path, sqlitePath: database)
        let created = try await first.send("POST", "/api/connections", json: #"{"connectorId":"fixture","siteUrl":"https://a.example","apiKey":"durable-key-1"}"#)
        #expect(created.status == 201)
        let connectionId = try #require(try WireCoding.decode(JSONValue.self, from: Array(created.body.utf8))["data"]?["connectionId"]?.stringValue)

        let acknowledged = Acknowledged()
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        for sequence in 0..<10_000 {
                            let stream = "w\(writer)-\(sequence)"
                            guard let reply = try? await first.send(
                                "POST", "/api/connections/\(connectionId)/sync-state", json: #"{"stream":"\#(stream)","checkpoint":{"n":\#(sequence)}}"#)
                            else { return }
                            if reply.status == 200 { acknowledged.insert(stream) }
                        }
                    }
                }
            }
        }
        try await eventually(timeout: .seconds(60), "a burst of acknowledged writes") { acknowledged.count >= 400 }
        first.kill()
        await writers.value
        first.stop()

        let second = try await HostProcess(pluginsDirectory: plugins.path, sqlitePath: database)
        defer { second.stop() }
        let states = try await second.send("GET", "/api/connections/\(connectionId)/sync-state")
        #expect(states.status == 200)
        let stored = Set(
            try WireCoding.decode(JSONValue.self, from: Array(states.body.utf8))["data"]?.arrayValue?.compactMap { $0["stream"]?.stringValue } ?? [])
        let missing = acknowledged.all.subtracting(stored)
        #expect(acknowledged.count >= 400)
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
