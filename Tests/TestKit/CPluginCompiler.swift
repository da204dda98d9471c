import Foundation
import Synchronization

/// Builds C plugins the way a third party would: against an installed copy of
/// `connector_abi.h` (scripts/install-sdk.sh) with the system `cc`, never
/// through SwiftPM. Each distinct build is compiled once per test process and
/// then copied where a test wants it.
public enum CPluginCompiler {
    private static let builds = Mutex<[String: Task<URL, any Error>]>([:])

    /// Where the SDK was installed, once per test process.
    public static func sdkPrefix() async throws -> URL {
        try await shared("install-sdk") {
            let directory = try TemporaryDirectory("connector-abi-sdk").url
            try await runCommand("/bin/bash", [Repository.root.appendingPathComponent("scripts/install-sdk.sh").path, directory.path])
            return directory
        }
    }

    /// Compiles `source` with `-D` definitions into a shared object at `output`.
    @discardableResult
    public static func build(_ source: URL, to output: URL, defines: [String] = []) async throws -> URL {
        let key = ([source.path] + defines).joined(separator: "\u{0}")
        let compiled = try await shared(key) {
            let include = try await sdkPrefix().appendingPathComponent("include").path
            let compiled = try TemporaryDirectory("c-plugin").file("plugin.so")
            try await runCommand(
                "/usr/bin/cc",
                ["-shared", "-fPIC", "-O2", "-fvisibility=hidden", "-Wl,-Bsymbolic", "-Wall", "-Werror", "-I", include]
                    + defines.map { "-D\($0)" } + [source.path, "-o", compiled.path, "-lpthread"])
            return compiled
        }
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.copyItem(at: compiled, to: output)
        return output
    }

    /// Builds Tests/Fixtures/plugins/fixture_plugin.c with `defines`.
    @discardableResult
    public static func fixture(to output: URL, _ defines: [String] = []) async throws -> URL {
        try await build(Repository.fixture("plugins/fixture_plugin.c"), to: output, defines: defines)
    }

    /// Builds the C example connector from Plugins/CExample.
    @discardableResult
    public static func example(to output: URL) async throws -> URL {
        try await build(Repository.root.appendingPathComponent("Plugins/CExample/http_check.c"), to: output)
    }

    /// Runs `work` once per key; every caller awaits the same result.
    private static func shared(_ key: String, _ work: @escaping @Sendable () async throws -> URL) async throws -> URL {
        let task = builds.withLock { builds in
            if let running = builds[key] { return running }
            let task = Task { try await work() }
            builds[key] = task
            return task
        }
        return try await task.value
    }
}
