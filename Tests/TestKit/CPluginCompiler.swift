import Foundation
import Synchronization

/// Builds C plugins the way a third party would: against an installed copy of
/// `connector_abi.h` (scripts/install-sdk.sh) with the system `cc`, never
/// through SwiftPM.
public enum CPluginCompiler {
    /// The prefix the SDK was installed into, once per test process.
    private static let installed = Mutex<URL?>(nil)

    public static func sdkPrefix() throws -> URL {
        try installed.withLock { prefix in
            if let prefix { return prefix }
            let directory = try TemporaryDirectory("connector-abi-sdk").url
            try runCommand("/bin/bash", [Repository.root.appendingPathComponent("scripts/install-sdk.sh").path, directory.path])
            prefix = directory
            return directory
        }
    }

    /// Compiles `source` (a path) into a shared object at `output` with `-D` definitions.
    @discardableResult
    public static func build(_ source: URL, to output: URL, defines: [String] = []) throws -> URL {
        let include = try sdkPrefix().appendingPathComponent("include").path
        try runCommand(
            "/usr/bin/cc",
            ["-shared", "-fPIC", "-O2", "-fvisibility=hidden", "-Wl,-Bsymbolic", "-Wall", "-Werror", "-I", include]
                + defines.map { "-D\($0)" } + [source.path, "-o", output.path, "-lpthread"])
        return output
    }

    /// Builds Tests/Fixtures/plugins/fixture_plugin.c with `defines`.
    @discardableResult
    public static func fixture(to output: URL, _ defines: [String] = []) throws -> URL {
        try build(Repository.fixture("plugins/fixture_plugin.c"), to: output, defines: defines)
    }

    /// Builds the C example connector from Plugins/CExample.
    @discardableResult
    public static func example(to output: URL) throws -> URL {
        try build(Repository.root.appendingPathComponent("Plugins/CExample/http_check.c"), to: output)
    }
}
