import ConnectorModel
import Foundation
import PluginRuntime
import TestKit
import Testing

@Suite struct CallLifecycleTests {
    func fixtureHarness() async throws -> (RuntimeHarness, TemporaryDirectory) {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("fixture")
        try harness.deploy(try await CPluginCompiler.fixture(to: build.file("p.so")), as: "fixture.so")
        await harness.registry.rescan()
        return (harness, build)
    }

    @Test func aCallPastItsDeadlineTimesOutAndIsCancelledInThePlugin() async throws {
        let (harness, build) = try await fixtureHarness()
        defer { build.remove() }
        let sweeper = Task { await harness.registry.run() }
        await #expect(throws: PluginCallError.timedOut(connector: "fixture", operation: "hang", after: .milliseconds(200))) {
            _ = try await harness.invoke("fixture", "hang", timeout: .milliseconds(200))
        }
        // The plugin completed the call when the host cancelled it: nothing is left in flight.
        try await eventually("the cancelled call to complete") { harness.registry.plugin("fixture")?.inFlightCalls == 0 }
        sweeper.cancel()
        await sweeper.value
        await harness.close()
    }

    @Test func cancellingTheCallerCancelsThePluginCall() async throws {
        let (harness, build) = try await fixtureHarness()
        defer { build.remove() }
        let call = Task { try await harness.invoke("fixture", "hang", timeout: .seconds(60)) }
        try await eventually("the call to start") { harness.registry.plugin("fixture")?.inFlightCalls == 1 }
        call.cancel()
        await #expect(throws: PluginCallError.cancelled) { _ = try await call.value }
        try await eventually("the plugin to complete the call") { harness.registry.plugin("fixture")?.inFlightCalls == 0 }
        await harness.close()
    }

    @Test func aPluginErrorDocumentKeepsItsCode() async throws {
        let (harness, build) = try await fixtureHarness()
        defer { build.remove() }
        await #expect(
            throws: PluginCallError.failed(
                ErrorDocument(code: "fixture_failure", message: "The fixture failed on purpose.", details: ["why": "test"]))
        ) {
            _ = try await harness.invoke("fixture", "fail")
        }
        await harness.close()
    }

    @Test func anUnreadableErrorDocumentIsAContractViolation() async throws {
        let (harness, build) = try await fixtureHarness()
        defer { build.remove() }
        await #expect(throws: PluginCallError.contractViolation(connector: "fixture", "garbage failed with an unreadable error document")) {
            _ = try await harness.invoke("fixture", "garbage")
        }
        await harness.close()
    }

    @Test func manyConcurrentCallsAllComplete() async throws {
        let (harness, build) = try await fixtureHarness()
        defer { build.remove() }
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<2_000 {
                group.addTask { try await harness.invoke("fixture", .ping, "\(index)") }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(answers == Set((0..<2_000).map(String.init)))
        await harness.close()
    }
}
