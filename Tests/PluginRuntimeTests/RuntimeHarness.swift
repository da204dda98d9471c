import ConnectorModel
import Egress
import Foundation
import HostLogging
import Logging
import PluginRuntime
import TestKit

/// A plugin registry over a temporary plugins folder, with real egress and
/// captured logs, the way the server builds it.
struct RuntimeHarness {
    let folder: TemporaryDirectory
    let registry: PluginRegistry
    let logs: CapturedLogs
    let egress: EgressClient

    init() throws {
        folder = try TemporaryDirectory("plugins")
        let captured = CapturedLogs()
        logs = captured
        let logger = Logger(label: "plugin") { label in
            StructuredLogHandler(label: label, level: .trace, format: .json, sink: captured.sink)
        }
        egress = EgressClient(logger: logger)
        let services = PluginHostServices(
            egress: egress, logger: logger,
            saveCredentials: { _, _, _ in throw TestKitError("this harness stores no credentials") })
        registry = try PluginRegistry(directory: folder.path, services: services)
    }

    /// Deploys `source` as `name` the way operators should: a hidden temporary copy renamed into place.
    @discardableResult
    func deploy(_ source: URL, as name: String) throws -> URL {
        let temporary = folder.file(".\(name).tmp")
        let target = folder.file(name)
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.copyItem(at: source, to: temporary)
        guard rename(temporary.path, target.path) == 0 else { throw TestKitError("rename failed: \(errno)") }
        return target
    }

    func invoke(_ id: String, _ operation: ConnectorModel.Operation, _ request: String = "{}", timeout: Duration = .seconds(10)) async throws(PluginCallError) -> String {
        let response = try await registry.invoke(
            id, operation, request: Array(request.utf8), context: PluginCallContext(requestId: "req-test", tenantId: "tenant-a"),
            timeout: timeout)
        return String(decoding: response, as: UTF8.self)
    }

    func close() async {
        await registry.shutdown()
        egress.shutdown()
        folder.remove()
    }
}
