import ArgumentParser
import Foundation
import HostServer

/// `connector-host openapi`: write the OpenAPI document for clients and tools.
struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Write the OpenAPI document (default interfaces/openapi.json).")

    @OptionGroup var settings: SettingsOptions

    @Option(help: "Where to write it.")
    var output: String = "interfaces/openapi.json"

    func run() throws {
        let encoded = try APIDocument.prettyBytes(for: try settings.configuration())
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(encoded).write(to: url)
        print("wrote \(output)")
    }
}
