import Foundation
import PluginRuntime
import TestKit
import Testing

/// Every way a file can be refused leaves the host running and names what differs.
@Suite struct RefusalTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let defines: [String]
        let stage: PluginRefusal.Stage
        let field: String
        let reasonContains: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "abi major", defines: ["FIXTURE_ABI_MAJOR=2"], stage: .compatibility, field: "abi.major", reasonContains: "plugin speaks 2.0"),
        Case(name: "abi minor newer", defines: ["FIXTURE_ABI_MINOR=9"], stage: .compatibility, field: "abi.minor", reasonContains: "1.9"),
        Case(
            name: "registration too small", defines: ["FIXTURE_STRUCT_SIZE=24"], stage: .compatibility, field: "registration.struct_size",
            reasonContains: "24 bytes"),
        Case(
            name: "entry refuses", defines: [#"FIXTURE_REGISTER_FAILS="license expired""#], stage: .registration, field: "registration",
            reasonContains: "license expired"),
        Case(name: "missing invoke", defines: ["FIXTURE_NO_INVOKE"], stage: .compatibility, field: "registration.invoke", reasonContains: "required"),
        Case(
            name: "swift from another compiler", defines: ["FIXTURE_LANGUAGE=UCP_LANGUAGE_SWIFT", #"FIXTURE_TOOLCHAIN="swift-5.10.1""#],
            stage: .compatibility, field: "toolchain", reasonContains: "swift-5.10.1"),
        Case(name: "manifest not json", defines: [#"FIXTURE_MANIFEST="{not json""#], stage: .manifest, field: "manifest", reasonContains: "not a valid manifest"),
        Case(
            name: "manifest id differs", defines: [#"FIXTURE_MANIFEST_ID="other""#], stage: .manifest, field: "plugin_id",
            reasonContains: "\"other\""),
        Case(
            name: "manifest id invalid", defines: [#"FIXTURE_ID="Bad Id""#], stage: .manifest, field: "manifest.id",
            reasonContains: "[a-z0-9_-]"),
    ]

    @Test(arguments: cases)
    func refusesWithTheFieldThatDiffers(_ refusal: Case) async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("fixture")
        defer { build.remove() }
        try harness.deploy(try await CPluginCompiler.fixture(to: build.file("p.so"), refusal.defines), as: "bad.so")

        let report = await harness.registry.rescan()

        #expect(report.refused == [harness.folder.file("bad.so").path])
        let refused = try #require(harness.registry.refused.first)
        #expect(refused.refusal.stage == refusal.stage)
        #expect(refused.refusal.field == refusal.field)
        #expect(refused.refusal.reason.contains(refusal.reasonContains), "\(refused.refusal.reason)")
        #expect(harness.registry.loaded.isEmpty)
        #expect(harness.logs.text.contains("plugin refused"))
        await harness.close()
    }

    @Test func swiftFromAnotherCompilerIsAcceptedWithItsOwnRuntime() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("fixture")
        defer { build.remove() }
        let defines = ["FIXTURE_LANGUAGE=UCP_LANGUAGE_SWIFT", #"FIXTURE_TOOLCHAIN="swift-5.10.1""#, "FIXTURE_FLAGS=UCP_BUILD_STATIC_RUNTIME"]
        try harness.deploy(try await CPluginCompiler.fixture(to: build.file("p.so"), defines), as: "static.so")
        await harness.registry.rescan()
        #expect(harness.registry.loaded.map(\.id) == ["fixture"])
        await harness.close()
    }

    @Test func refusesAFileThatIsNotASharedObject() async throws {
        let harness = try RuntimeHarness()
        try Data("#!/bin/sh\necho not a plugin\n".utf8).write(to: harness.folder.file("script.so"))
        await harness.registry.rescan()
        let refused = try #require(harness.registry.refused.first)
        #expect(refused.refusal.stage == .file)
        #expect(refused.refusal.reason == "not an ELF shared object")
        await harness.close()
    }

    @Test func refusesASharedObjectWithoutTheEntryPoint() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("fixture")
        defer { build.remove() }
        try harness.deploy(try await CPluginCompiler.build(Repository.fixture("plugins/no_entry.c"), to: build.file("n.so")), as: "no-entry.so")
        await harness.registry.rescan()
        let refused = try #require(harness.registry.refused.first)
        #expect(refused.refusal.stage == .entry)
        #expect(refused.refusal.reason.contains("ucp_plugin_register"))
        await harness.close()
    }

    @Test func refusesASecondPluginWithTheSameId() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("fixture")
        defer { build.remove() }
        let plugin = try await CPluginCompiler.fixture(to: build.file("p.so"))
        try harness.deploy(plugin, as: "a.so")
        try harness.deploy(plugin, as: "b.so")
        await harness.registry.rescan()
        #expect(harness.registry.loaded.map(\.file) == [harness.folder.file("a.so").path])
        let refused = try #require(harness.registry.refused.first)
        #expect(refused.file == harness.folder.file("b.so").path)
        #expect(refused.refusal.field == "plugin_id")
        #expect(refused.refusal.reason.contains("already provided by"))
        // The host keeps serving the first one.
        #expect(try await harness.invoke("fixture", .ping, "42") == "42")
        await harness.close()
    }

    @Test func aBrokenUpgradeKeepsTheWorkingVersionServing() async throws {
        let harness = try RuntimeHarness()
        let build = try TemporaryDirectory("fixture")
        defer { build.remove() }
        try harness.deploy(try await CPluginCompiler.fixture(to: build.file("good.so")), as: "fixture.so")
        await harness.registry.rescan()
        try Data("garbage".utf8).write(to: build.file("broken.so"))
        try harness.deploy(build.file("broken.so"), as: "fixture.so")
        await harness.registry.rescan()
        #expect(harness.registry.refused.count == 1)
        #expect(try await harness.invoke("fixture", "version") == #"{"version":"1.0.0"}"#)
        await harness.close()
    }
}
