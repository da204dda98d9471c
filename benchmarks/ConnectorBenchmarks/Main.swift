import ArgumentParser

/// `connector-benchmarks`: measurements recorded in benchmarks/RESULTS.md by benchmarks/run.sh.
@main
struct ConnectorBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector-benchmarks",
        abstract: "Measure plugin call cost, hot-add latency and store throughput (release builds only).",
        subcommands: [PluginCalls.self, HotAdd.self, StoreThroughput.self])
}
