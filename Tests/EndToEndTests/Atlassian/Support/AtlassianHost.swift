import Foundation
import HostServer
import HostTesting
import StandIns
import TestKit
import Testing

/// Hosts serving the Jira and Confluence plugins on a port chosen before they
/// are built (so `publicBaseURL`, where Jira delivers webhooks, names it),
/// talking to the Atlassian stand-ins. Every response a stand-in sent during
/// a test is checked against the vendor specs when the test ends.
enum AtlassianHost {
    /// Both connector plugins as `swift build` left them, by the file name they get in the plugins folder.
    static func plugins() throws -> [String: URL] {
        var plugins: [String: URL] = [:]
        for connector in AtlassianConnector.allCases { plugins["\(connector.id).so"] = try Repository.plugin(connector.pluginName) }
        return plugins
    }

    /// The environment of a `ChildHost` serving both plugins (copied into
    /// `folder`) on the SQLite file `store`, on `port` when given; `extra` adds or overrides.
    static func childSettings(
        in folder: TemporaryDirectory, store: String, encryptionKey: String, port: Int? = nil, extra: [String: String] = [:]
    ) throws -> [String: String] {
        let plugins = folder.file("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        for (name, file) in try Self.plugins() { try FileManager.default.copyItem(at: file, to: plugins.appendingPathComponent(name)) }
        var settings = [
            "APP_ENV": "test", "AUTH_MODE": "development", "HOST": "127.0.0.1", "PORT": port.map(String.init) ?? "0", "LOG_LEVEL": "info",
            "PLUGINS_DIR": plugins.path, "PLUGINS_WATCH": "false", "SQLITE_PATH": store, "ENCRYPTION_KEY": encryptionKey,
        ]
        // Jira delivers webhooks to PUBLIC_BASE_URL, which only a port chosen beforehand can name.
        if let port { settings["PUBLIC_BASE_URL"] = "http://127.0.0.1:\(port)" }
        return settings.merging(extra) { _, given in given }
    }

    /// A fresh Atlassian stand-in and one host configured for it (operator
    /// settings of both connectors PATCHed over REST); both stop when `body` ends.
    static func run(
        configure: (inout HostConfiguration) -> Void = { _ in }, _ body: (AtlassianSession) async throws -> Void
    ) async throws {
        try await withCloud { cloud in
            try await serve(cloud, configure: configure) { session in
                for connector in AtlassianConnector.allCases {
                    let settings = try await session.configureOperatorSettings(connector)
                    try #require(settings.status == 200, "operator settings of \(connector): \(settings.text)")
                }
                try await body(session)
            }
        }
    }

    /// A fresh Atlassian stand-in for `body`, its responses checked against the vendor specs afterwards.
    static func withCloud(_ body: (AtlassianCloudStandIn) async throws -> Void) async throws {
        let cloud = try await AtlassianCloudStandIn.start(redirectURI: AtlassianSession.redirectUri)
        do {
            try await body(cloud)
        } catch {
            await cloud.stop()
            throw error
        }
        let problems = try cloud.specProblems()
        #expect(problems.isEmpty, "stand-in responses outside the vendor specs: \(problems.prefix(5))")
        await cloud.stop()
    }

    /// One host for `cloud` (which outlives it), on a fresh port.
    static func serve<Value: Sendable>(
        _ cloud: AtlassianCloudStandIn, configure: (inout HostConfiguration) -> Void = { _ in },
        _ body: (AtlassianSession) async throws -> Value
    ) async throws -> Value {
        // Another process may take the chosen port before the host binds it: then choose again.
        var attempt = 1
        while true {
            let harness = try await make(configure: configure)
            defer { harness.remove() }
            do {
                return try await serve(harness, cloud: cloud, body)
            } catch is FixedPortHost.NotListening where attempt < 3 {
                attempt += 1
            }
        }
    }

    /// A host built (store open, plugins loaded) but not serving yet.
    static func make(configure: (inout HostConfiguration) -> Void = { _ in }) async throws -> HostHarness {
        let port = try await FreeTCPPort.pick()
        return try await HostHarness.make(plugins: try plugins()) { configuration in
            configuration.host = "127.0.0.1"
            configuration.port = port
            configuration.publicBaseURL = "http://127.0.0.1:\(port)"
            configure(&configuration)
        }
    }

    /// Serves a host built by `make` for the time of `body`.
    static func serve<Value: Sendable>(
        _ harness: HostHarness, cloud: AtlassianCloudStandIn, _ body: (AtlassianSession) async throws -> Value
    ) async throws -> Value {
        try await FixedPortHost.serve(harness) { rest in
            try await body(AtlassianSession(cloud: cloud, harness: harness, rest: rest))
        }
    }
}
