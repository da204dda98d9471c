import ArgumentParser
import ConnectorModel
import Foundation
import PluginRuntime

/// Host → plugin → host cost of one call, for a Swift and a C plugin.
struct PluginCalls: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calls", abstract: "Per-call cost through the C ABI.")

    @Option(help: "A Swift connector plugin (.so).") var swiftPlugin: String
    @Option(help: "A C plugin (.so) implementing ping.") var cPlugin: String
    @Option(help: "Batches per measurement.") var batches = 200
    @Option(help: "Calls per batch.") var calls = 2_000
    @Option(help: "Only the measurements whose label starts with this (for profiling).") var only: String?

    func run() async throws {
        let fixture = try RuntimeFixture()
        try fixture.deploy(swiftPlugin, as: "swift.so")
        try fixture.deploy(cPlugin, as: "c.so")
        await fixture.registry.rescan()
        let ids = fixture.registry.loaded.map { ($0.language, $0.id) }
        guard let swiftId = ids.first(where: { $0.0 == .swift })?.1, let cId = ids.first(where: { $0.0 == .c })?.1 else {
            throw BenchmarkError("both plugins must load: \(fixture.registry.refused)")
        }
        // About 200 bytes each way, like a small request document.
        let payload = Array(String(repeating: #"{"k":"v"},"#, count: 20).utf8)
        let context = PluginCallContext(requestId: "bench", tenantId: "bench")
        let probe = try WireCoding.encode(
            CallRequest(operation: .probe, requestId: "bench", tenantId: "bench", connector: ConnectorSettings(), input: NoInput()))

        for (label, id, operation, request) in [
            ("swift ping (bytes echoed, no decoding)", swiftId, Operation.ping, payload),
            ("swift probe (request decoded, answer encoded by the SDK)", swiftId, Operation.probe, probe),
            ("c ping (completes synchronously)", cId, Operation.ping, payload),
        ] where only.map({ label.hasPrefix($0) }) ?? true {
            // Warm up caches, lazy metadata and the allocator.
            for _ in 0..<10_000 { _ = try await fixture.registry.invoke(id, operation, request: request, context: context, timeout: .seconds(10)) }
            let measured = try await Measurement.run(batches: batches, operations: calls) {
                _ = try await fixture.registry.invoke(id, operation, request: request, context: context, timeout: .seconds(10))
            }
            print(String(format: "%-58@ median %7.0f ns/call   p90 %7.0f ns/call", label as NSString, measured.median, measured.p90))
        }
        await fixture.close()
    }
}
