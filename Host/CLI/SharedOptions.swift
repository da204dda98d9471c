import ArgumentParser
import HostServer

/// Where settings come from: the environment over `--env-file`.
struct SettingsOptions: ParsableArguments {
    @Option(name: .long, help: "A .env file to read settings from; environment variables win over it.")
    var envFile: String = ".env"

    func configuration() throws -> HostConfiguration {
        do {
            return try HostConfiguration(values: try DotEnvFile.merged(file: envFile))
        } catch let error as ConfigurationError {
            throw ValidationError("Invalid setting: \(error)")
        }
    }
}
