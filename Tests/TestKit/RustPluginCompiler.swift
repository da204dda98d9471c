import Foundation

/// Builds the Rust example connector (Plugins/RustExample) with cargo, offline:
/// it has no dependencies, only `connector_abi.h`'s types mirrored in Rust.
public enum RustPluginCompiler {
    public static func example(to output: URL) async throws -> URL {
        let cargo = try locateCargo()
        let target = try TemporaryDirectory("rust-target")
        defer { target.remove() }
        try await runCommand(
            cargo,
            ["build", "--release", "--offline", "--quiet", "--manifest-path", Repository.root.appendingPathComponent("Plugins/RustExample/Cargo.toml").path,
             "--target-dir", target.path])
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.copyItem(at: target.url.appendingPathComponent("release/libecho_connector.so"), to: output)
        return output
    }

    /// cargo from PATH, or rustup's default place.
    private static func locateCargo() throws -> String {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/cargo" }
            + [FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cargo/bin/cargo").path]
        guard let cargo = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestKitError("cargo is not installed: the Rust example plugin cannot be built (install Rust with rustup)")
        }
        return cargo
    }
}
