import ArgumentParser
import HostLogging
import HostServer
import Hummingbird
import Logging

/// `connector-host serve`: run the REST API with every plugin in the plugins directory.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the REST API (the default command).")

    @OptionGroup var settings: SettingsOptions

    @Option(help: "Address to listen on (HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (PORT, default 8000).")
    var port: Int?

    @Option(name: .customLong("plugins-dir"), help: "Directory of connector plugins (PLUGINS_DIR, default ./plugins).")
    var pluginsDirectory: String?

    func run() async throws {
        var configuration = try settings.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let pluginsDirectory { configuration.pluginsDirectory = pluginsDirectory }
        StructuredLogHandler.bootstrap(level: configuration.logLevel, format: configuration.logJSON ? .json : .text)
        let logger = Logger(label: "connector-host")
        let host = try await HostApplication.build(configuration: configuration, logger: logger)
        try await host.application.runService()
    }
}
