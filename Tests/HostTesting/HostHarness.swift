import ConnectorModel
import Foundation
import HostLogging
import HostServer
import Hummingbird
import HummingbirdTesting
import Logging
import TestKit

/// A whole host over temporary folders: plugins deployed, SQLite store,
/// captured logs. Tests drive it in-process (`.router`) or over a socket (`.live`).
public struct HostHarness: Sendable {
    public let host: HostApplication
    public let logs: CapturedLogs
    public let folder: TemporaryDirectory
    public let configuration: HostConfiguration

    /// - Parameters:
    ///   - plugins: files to deploy into the plugins folder, by name.
    ///   - configure: changes to the default test configuration (development auth, temp store).
    public static func make(
        plugins: [String: URL] = [:],
        configure: (inout HostConfiguration) -> Void = { _ in }
    ) async throws -> HostHarness {
        let folder = try TemporaryDirectory("host")
        let pluginsFolder = folder.file("plugins")
        try FileManager.default.createDirectory(at: pluginsFolder, withIntermediateDirectories: true)
        for (name, source) in plugins {
            try FileManager.default.copyItem(at: source, to: pluginsFolder.appendingPathComponent(name))
        }
        var configuration = HostConfiguration()
        configuration.environment = .test
        configuration.authMode = .development
        configuration.pluginsDirectory = pluginsFolder.path
        // inotify instances are a per-user resource (128 by default) and hundreds of
        // tests run at once; a test about hot reload turns watching back on.
        configuration.watchPluginsDirectory = false
        configuration.sqlitePath = folder.file("store/host.sqlite").path
        configuration.port = 0
        configuration.encryptionKey = "J0AwVdjOlSXU4RxhgEK8DtCeTaEpW5ijhGv8yvCvCmI="
        configure(&configuration)
        let logs = CapturedLogs()
        let logger = Logger(label: "connector-host") { label in
            StructuredLogHandler(label: label, level: .trace, format: .json, sink: logs.sink)
        }
        let host = try await HostApplication.build(configuration: configuration, logger: logger)
        return HostHarness(host: host, logs: logs, folder: folder, configuration: configuration)
    }

    /// A harness serving the fixture plugin (Tests/Fixtures/plugins/fixture_plugin.c).
    public static func withFixture(configure: (inout HostConfiguration) -> Void = { _ in }) async throws -> HostHarness {
        let build = try TemporaryDirectory("fixture-build")
        return try await make(plugins: ["fixture.so": try await CPluginCompiler.fixture(to: build.file("fixture.so"))], configure: configure)
    }

    /// Runs `body` against the host in-process, checking every response against the OpenAPI document.
    @discardableResult
    public func test<Value: Sendable>(_ mode: TestingSetup = .router, _ body: @escaping @Sendable (APIClient) async throws -> Value) async throws -> Value {
        let document = try OpenAPIContract.document()
        return try await host.application.test(mode) { client in
            try await body(APIClient(client: client, document: document))
        }
    }

    public func remove() {
        folder.remove()
    }
}
