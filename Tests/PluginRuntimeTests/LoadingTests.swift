import ConnectorModel
import Foundation
import PluginRuntime
import TestKit
import Testing

@Suite struct LoadingTests {
    static let swiftConnectors = [("Jira", "jira"), ("Confluence", "confluence"), ("Salesforce", "salesforce"), ("PostgreSQL", "postgresql")]

    @Test func loadsTheFourSwiftConnectorsAndTheCExample() async throws {
        let harness = try RuntimeHarness()
        for (product, _) in Self.swiftConnectors {
            try harness.deploy(try Repository.plugin(product), as: "\(product.lowercased()).so")
        }
        let build = try TemporaryDirectory("c-example")
        defer { build.remove() }
        try harness.deploy(try await CPluginCompiler.example(to: build.file("http-check.so")), as: "http-check.so")

        let report = await harness.registry.rescan()

        #expect(report.loaded.count == 5)
        #expect(harness.registry.refused.isEmpty)
        let byId = Dictionary(uniqueKeysWithValues: harness.registry.loaded.map { ($0.id, $0) })
        #expect(Set(byId.keys) == ["jira", "confluence", "salesforce", "postgresql", "http-check"])
        for (_, id) in Self.swiftConnectors {
            let plugin = try #require(byId[id])
            #expect(plugin.language == .swift)
            #expect(plugin.toolchain == HostABI.toolchain)
            #expect(plugin.abiVersion == "1.0")
            #expect(plugin.manifest.implements(.probe) && plugin.manifest.implements(.validate) && plugin.manifest.implements(.ping))
        }
        #expect(byId["http-check"]?.language == .c)
        await harness.close()
    }

    @Test(arguments: ["Jira", "PostgreSQL"])
    func swiftPluginsAnswerThroughTheABI(product: String) async throws {
        let harness = try RuntimeHarness()
        try harness.deploy(try Repository.plugin(product), as: "plugin.so")
        await harness.registry.rescan()
        let id = try #require(harness.registry.loaded.first?.id)

        #expect(try await harness.invoke(id, .ping, #"{"hello":"world"}"#) == #"{"hello":"world"}"#)
        let probe = try await harness.invoke(id, .probe, Self.requestDocument(id: id, operation: "probe"))
        let result = try WireCoding.decode(ProbeResult.self, from: Array(probe.utf8))
        #expect(!result.message.isEmpty)
        await harness.close()
    }

    @Test func theCExampleChecksItsTargetThroughHostEgress() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("c-example")
        defer { build.remove() }
        try harness.deploy(try await CPluginCompiler.example(to: build.file("http-check.so")), as: "http-check.so")
        await harness.registry.rescan()

        // Nothing listens on port 9 of localhost: the check reports it honestly.
        let unreachable = try await harness.registry.invoke(
            "http-check", .validate, request: Array("{}".utf8),
            context: PluginCallContext(requestId: "r1", tenantId: "t1", endpoints: ["target": "http://127.0.0.1:9"]),
            timeout: .seconds(10))
        let verdict = try WireCoding.decode(ValidationResult.self, from: unreachable)
        #expect(verdict.valid == false)
        #expect(verdict.message.contains("did not answer"))
        await harness.close()
    }

    @Test func unknownOperationsAreRefusedByTheSDK() async throws {
        let harness = try RuntimeHarness()
        try harness.deploy(try Repository.plugin("Jira"), as: "jira.so")
        await harness.registry.rescan()
        await #expect(
            throws: PluginCallError.failed(ErrorDocument(code: "unsupported_operation", message: "This connector does not implement teleport."))
        ) {
            _ = try await harness.invoke("jira", "teleport", Self.requestDocument(id: "jira", operation: "teleport"))
        }
        await harness.close()
    }

    static func requestDocument(id: String, operation: String) -> String {
        let document = CallRequest(
            operation: ConnectorModel.Operation(rawValue: operation), requestId: "req-test", tenantId: "tenant-a", connector: ConnectorSettings(),
            input: NoInput())
        return String(decoding: (try? WireCoding.encode(document)) ?? [], as: UTF8.self)
    }
}
