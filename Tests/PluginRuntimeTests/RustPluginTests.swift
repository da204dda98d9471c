import ConnectorModel
import Foundation
import PluginRuntime
import TestKit
import Testing

/// A plugin written in Rust loads and answers through the same ABI.
@Suite struct RustPluginTests {
    @Test func theRustExampleLoadsAndAnswers() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("rust-example")
        defer { build.remove() }
        try harness.deploy(try await RustPluginCompiler.example(to: build.file("echo.so")), as: "rust-echo.so")
        await harness.registry.rescan()

        let plugin = try #require(harness.registry.plugin("rust-echo"))
        #expect(plugin.language == .rust)
        #expect(plugin.manifest.operations == [.ping, .probe])
        #expect(try await harness.invoke("rust-echo", .ping, #"{"from":"swift"}"#) == #"{"from":"swift"}"#)
        let probe = try WireCoding.decode(ProbeResult.self, from: Array(try await harness.invoke("rust-echo", .probe).utf8))
        #expect(probe.status == .ready)
        #expect(probe.details?["hostClockNanoseconds"]?.numberValue ?? 0 > 1_700_000_000_000_000_000)
        await #expect(throws: PluginCallError.failed(ErrorDocument(code: "unsupported_operation", message: "rust-echo implements ping and probe."))) {
            _ = try await harness.invoke("rust-echo", .validate)
        }
        await harness.close()
    }
}
