import ArgumentParser
import ConnectorModel
import Foundation
import PluginRuntime

/// Time from a plugin file landing in the watched folder to its first successful call.
struct HotAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hot-add", abstract: "Hot-add latency through inotify.")

    @Option(help: "A plugin (.so) to add repeatedly.") var plugin: String
    @Option(help: "How many times to add it.") var rounds = 20

    func run() async throws {
        var samples: [Double] = []
        for round in 0..<rounds {
            let fixture = try RuntimeFixture()
            try fixture.registry.startWatching()
            await fixture.registry.rescan()
            let watching = Task { await fixture.registry.run() }
            let context = PluginCallContext(requestId: "bench", tenantId: "bench")
            let started = ContinuousClock.now
            try fixture.deploy(plugin, as: "added-\(round).so")
            while true {
                if let id = fixture.registry.loaded.first?.id,
                    (try? await fixture.registry.invoke(id, .ping, request: Array("{}".utf8), context: context, timeout: .seconds(5))) != nil
                {
                    break
                }
                try await Task.sleep(for: .microseconds(200))
                guard ContinuousClock.now - started < .seconds(10) else { throw BenchmarkError("the plugin never answered") }
            }
            samples.append((ContinuousClock.now - started).nanoseconds)
            watching.cancel()
            await watching.value
            await fixture.close()
        }
        let measured = Measurement(nanosecondsPerOperation: samples)
        print(String(format: "hot-add to first successful call: median %.1f ms   p90 %.1f ms   (%d rounds)", measured.median / 1e6, measured.p90 / 1e6, rounds))
    }
}
