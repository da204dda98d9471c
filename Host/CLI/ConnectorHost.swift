import ArgumentParser

/// `connector-host`: serve the API, inspect plugins, write the OpenAPI document, manage keys.
@main
struct ConnectorHost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector-host",
        abstract: "Unified Connector Host: one REST API for every connector plugin.",
        subcommands: [Serve.self, Plugins.self, OpenAPI.self, Keys.self],
        defaultSubcommand: Serve.self)
}
