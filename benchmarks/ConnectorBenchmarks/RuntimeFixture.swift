import Egress
import Foundation
import Logging
import PluginRuntime

/// A plugin registry over a temporary folder, as the server builds it, with logging off.
struct RuntimeFixture {
    let folder: URL
    let registry: PluginRegistry
    let egress: EgressClient

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-plugins-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        egress = EgressClient(logger: logger)
        registry = try PluginRegistry(
            directory: folder.path,
            services: PluginHostServices(egress: egress, logger: logger, saveCredentials: { _, _, _ in }))
    }

    /// Copies `source` in as a hidden file and renames it into place, as deployers should.
    func deploy(_ source: String, as name: String) throws {
        let temporary = folder.appendingPathComponent(".\(name).tmp")
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: source), to: temporary)
        guard rename(temporary.path, folder.appendingPathComponent(name).path) == 0 else { throw BenchmarkError("rename failed") }
    }

    func close() async {
        await registry.shutdown()
        egress.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
