import ConnectorModel
import Foundation
import PluginRuntime
import Synchronization
import TestKit
import Testing

/// Plugins come, change and go while clients keep calling: no call may fail.
@Suite struct HotReloadTests {
    /// Calls `operation` on `id` in a loop from several tasks until stopped; counts outcomes.
    final class CallingClients: Sendable {
        let succeeded = Atomic(0)
        let failed = Mutex<[String]>([])
        let versions = Mutex<Set<String>>([])
        private let stop = Atomic(false)

        func run(_ harness: RuntimeHarness, id: String, operation: ConnectorModel.Operation, clients: Int) -> Task<Void, Never> {
            Task {
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<clients {
                        group.addTask {
                            while !self.stop.load(ordering: .relaxed) {
                                do {
                                    let answer = try await harness.invoke(id, operation, "{}")
                                    self.succeeded.add(1, ordering: .relaxed)
                                    self.versions.withLock { _ = $0.insert(answer) }
                                } catch {
                                    self.failed.withLock { $0.append("\(error)") }
                                }
                                await Task.yield()
                            }
                        }
                    }
                }
            }
        }

        func finish(_ task: Task<Void, Never>) async {
            stop.store(true, ordering: .relaxed)
            await task.value
        }
    }

    @Test func addUpgradeAndRemoveWhileClientsKeepCalling() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("versions")
        defer { build.remove() }
        let version1 = try await CPluginCompiler.fixture(to: build.file("v1.so"), [#"FIXTURE_VERSION="1.0.0""#])
        let version2 = try await CPluginCompiler.fixture(to: build.file("v2.so"), [#"FIXTURE_VERSION="1.1.0""#])
        // A Swift plugin serves throughout; clients call it the whole time.
        try harness.deploy(try Repository.plugin("Jira"), as: "jira.so")
        try harness.registry.startWatching()
        await harness.registry.rescan()
        let running = Task { await harness.registry.run() }

        let steady = CallingClients()
        let steadyTask = steady.run(harness, id: "jira", operation: .ping, clients: 4)

        // Hot add: the new connector serves without a rescan.
        try harness.deploy(version1, as: "fixture.so")
        try await eventually("the fixture plugin to load") { harness.registry.plugin("fixture") != nil }
        let upgrading = CallingClients()
        let upgradingTask = upgrading.run(harness, id: "fixture", operation: "version", clients: 4)
        try await eventually("calls to the new plugin") { upgrading.succeeded.load(ordering: .relaxed) > 200 }

        // Upgrade: in-flight calls finish on 1.0.0, new calls reach 1.1.0.
        try harness.deploy(version2, as: "fixture.so")
        try await eventually("version 1.1.0 to serve") { harness.registry.plugin("fixture")?.version == "1.1.0" }
        let before = upgrading.succeeded.load(ordering: .relaxed)
        try await eventually("calls after the upgrade") { upgrading.succeeded.load(ordering: .relaxed) > before + 200 }
        await upgrading.finish(upgradingTask)

        // Removal: the connector disappears, the steady one keeps serving.
        try FileManager.default.removeItem(at: harness.folder.file("fixture.so"))
        try await eventually("the fixture plugin to be retired") { harness.registry.plugin("fixture") == nil }
        let steadyBefore = steady.succeeded.load(ordering: .relaxed)
        try await eventually("steady calls after the removal") { steady.succeeded.load(ordering: .relaxed) > steadyBefore + 200 }
        await steady.finish(steadyTask)

        #expect(upgrading.failed.withLock { $0 } == [])
        #expect(steady.failed.withLock { $0 } == [])
        #expect(upgrading.versions.withLock { $0 } == [#"{"version":"1.0.0"}"#, #"{"version":"1.1.0"}"#])
        await #expect(throws: PluginCallError.unknownConnector("fixture")) { _ = try await harness.invoke("fixture", .ping) }
        running.cancel()
        await running.value
        await harness.close()
    }

    @Test func rescanPicksUpChangesMadeWithoutTheWatcher() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("versions")
        defer { build.remove() }
        try harness.deploy(try await CPluginCompiler.fixture(to: build.file("v1.so")), as: "fixture.so")
        #expect(await harness.registry.rescan().loaded.count == 1)
        #expect(await harness.registry.rescan().unchanged.count == 1)
        try harness.deploy(try await CPluginCompiler.fixture(to: build.file("v2.so"), [#"FIXTURE_VERSION="2.0.0""#]), as: "fixture.so")
        #expect(await harness.registry.rescan().upgraded.count == 1)
        try FileManager.default.removeItem(at: harness.folder.file("fixture.so"))
        #expect(await harness.registry.rescan().removed.count == 1)
        #expect(harness.registry.loaded.isEmpty)
        await harness.close()
    }
}
