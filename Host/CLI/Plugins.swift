import ArgumentParser
import ConnectorModel
import Egress
import Foundation
import HostLogging
import Logging
import PluginRuntime

/// `connector-host plugins`: look at plugin files without running the server.
struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Inspect plugin files.", subcommands: [Inspect.self])

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load FILE as the server would and print its ABI, build and manifest, or why it would be refused.")

        @Argument(help: "A plugin shared object (.so).")
        var file: String

        func run() throws {
            StructuredLogHandler.bootstrap(level: .warning, format: .text)
            let privateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("connector-host-inspect-\(getpid())").path
            try FileManager.default.createDirectory(atPath: privateDirectory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: privateDirectory) }
            let egress = EgressClient(logger: Logger(label: "egress"))
            defer { egress.shutdown() }
            let services = PluginHostServices(
                egress: egress, logger: Logger(label: "plugin"),
                saveCredentials: { _, _, _ in throw ValidationError("inspect does not store credentials") })
            switch PluginInspector.inspect(file, services: services, privateDirectory: privateDirectory) {
            case .failure(let refusal):
                print("REFUSED  \(file)")
                print("stage:   \(refusal.stage.rawValue)")
                print("field:   \(refusal.field)")
                print("reason:  \(refusal.reason)")
                throw ExitCode(2)
            case .success(let plugin):
                defer { PluginInspector.close(plugin) }
                print("LOADABLE \(file)")
                print("id:        \(plugin.id)")
                print("version:   \(plugin.version)")
                print("abi:       \(plugin.abiVersion) (host speaks \(HostABI.minimum.major).\(HostABI.minimum.minor) to \(HostABI.maximum.major).\(HostABI.maximum.minor))")
                print("language:  \(plugin.language.rawValue)")
                print("toolchain: \(plugin.toolchain) (host: \(HostABI.toolchain))")
                let encoder = WireCoding.encoder
                encoder.outputFormatting.insert(.prettyPrinted)
                print("manifest:\n" + String(decoding: try encoder.encode(plugin.manifest), as: UTF8.self))
            }
        }
    }
}
