import ArgumentParser

/// `connector-host`: serve the API, inspect plugins, write the OpenAPI document.
@main
struct ConnectorHost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector-host",
        abstract: "Unified Connector Host: one REST API for every connector plugin.")
}
