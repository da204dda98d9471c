// swift-tools-version:6.2
import PackageDescription

/// Connector plugins are shared objects loaded at run time. -Bsymbolic keeps a
/// plugin's own symbols bound inside it, whatever the host exports.
let pluginLinkerSettings: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "-Bsymbolic"])]

/// One `.so` per connector. Each folder under Plugins/ holds the connector
/// module (its logic, testable like any module) and `Export/`, the one line
/// that exports it through the C entry point. Connectors depend on the SDK
/// only, plus C libraries they truly need.
struct ConnectorPackage {
    var name: String
    var folder: String
    var extraDependencies: [Target.Dependency] = []
    var extraTargets: [Target] = []
    var exclude: [String] = []
    var extraTestDependencies: [Target.Dependency] = []

    var product: Product { .library(name: "\(name)Plugin", type: .dynamic, targets: ["\(name)Plugin"]) }

    var targets: [Target] {
        let connectorDependencies: [Target.Dependency] = ["ConnectorSDK"] + extraDependencies
        let pluginDependencies: [Target.Dependency] = [.target(name: "\(name)Connector"), "ConnectorSDK"]
        let connector: Target = .target(
            name: "\(name)Connector", dependencies: connectorDependencies, path: "Plugins/\(folder)", exclude: ["Export"] + exclude)
        let plugin: Target = .target(
            name: "\(name)Plugin", dependencies: pluginDependencies, path: "Plugins/\(folder)/Export", linkerSettings: pluginLinkerSettings)
        return extraTargets + [connector, plugin]
    }

    var testTarget: Target {
        .testTarget(
            name: "\(name)ConnectorTests",
            dependencies: [.target(name: "\(name)Connector"), "ConnectorSDKTesting", "ConnectorTestSupport", "Egress", "StandIns", "JSONSchema"]
                + extraTestDependencies,
            path: "Tests/\(name)ConnectorTests")
    }
}

/// What the Jira and Confluence connectors share: Atlassian OAuth 2.0 (3LO),
/// accessible resources, site and API-token authentication.
let atlassianCloud: Target = .target(name: "AtlassianCloud", dependencies: ["ConnectorSDK"], path: "Plugins/AtlassianCloud")

let connectors: [ConnectorPackage] = [
    ConnectorPackage(name: "Jira", folder: "Jira", extraDependencies: ["AtlassianCloud"], extraTargets: [atlassianCloud]),
    ConnectorPackage(name: "Confluence", folder: "Confluence", extraDependencies: ["AtlassianCloud"]),
    ConnectorPackage(name: "Salesforce", folder: "Salesforce"),
    ConnectorPackage(
        name: "PostgreSQL", folder: "PostgreSQL", extraDependencies: ["CLibpq"],
        extraTargets: [
            .systemLibrary(name: "CLibpq", path: "Plugins/PostgreSQL/CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])])
        ],
        exclude: ["CLibpq"], extraTestDependencies: ["PostgresTestSupport"]),
]

let package = Package(
    name: "unified-connector-host",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "connector-host", targets: ["ConnectorHostCLI"]),
        .executable(name: "connector-benchmarks", targets: ["ConnectorBenchmarks"]),
        .library(name: "ConnectorSDK", targets: ["ConnectorSDK"]),
        .library(name: "ConnectorSDKTesting", targets: ["ConnectorSDKTesting"]),
    ] + connectors.map(\.product),
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // PluginAPI: the contract (C header), the wire model and the Swift SDK.
        .systemLibrary(name: "CConnectorABI", path: "PluginAPI/CConnectorABI"),
        .target(name: "CImageInfo", path: "PluginAPI/CImageInfo"),
        .target(name: "ConnectorModel", path: "PluginAPI/ConnectorModel"),
        .target(
            name: "ConnectorSDK", dependencies: ["CConnectorABI", "CImageInfo", "ConnectorModel"],
            path: "PluginAPI/ConnectorSDK"),
        .target(
            name: "ConnectorSDKTesting", dependencies: ["CConnectorABI", "ConnectorModel", "ConnectorSDK"],
            path: "PluginAPI/ConnectorSDKTesting"),

        // Host: native libraries, then one module per concern, then the executable.
        .systemLibrary(
            name: "CCurl", path: "Host/SystemLibraries/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "COpenSSL", path: "Host/SystemLibraries/COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Host/SystemLibraries/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "Store", dependencies: ["ConnectorModel"], path: "Host/Store/Contract"),
        .target(name: "StoreSQLite", dependencies: ["CSQLite", "Store"], path: "Host/Store/SQLite"),
        .systemLibrary(
            name: "CMongoc", path: "Host/SystemLibraries/CMongoc", pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev"])]),
        .target(
            name: "StoreMongoDB", dependencies: ["CMongoc", "Store", .product(name: "Logging", package: "swift-log")],
            path: "Host/Store/MongoDB"),
        .target(name: "JSONSchema", dependencies: ["ConnectorModel"], path: "Host/JSONSchema"),
        .target(name: "TokenEncryption", dependencies: ["COpenSSL"], path: "Host/TokenEncryption"),
        .target(
            name: "HostLogging",
            dependencies: ["ConnectorModel", .product(name: "Logging", package: "swift-log")],
            path: "Host/Logging"),
        .target(
            name: "Egress",
            dependencies: ["CCurl", "HostLogging", .product(name: "Logging", package: "swift-log")],
            path: "Host/Egress"),
        .target(
            name: "PluginRuntime",
            dependencies: [
                "CConnectorABI", "ConnectorModel", "Egress", "HostLogging",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Host/PluginRuntime"),
        .target(
            name: "HostServer",
            dependencies: [
                "ConnectorModel", "Egress", "HostLogging", "JSONSchema", "PluginRuntime", "Store", "StoreMongoDB", "StoreSQLite",
                "TokenEncryption",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Host/Server",
            resources: [.copy("OpenAPI/openapi.json")]),
        .executableTarget(
            name: "ConnectorHostCLI",
            dependencies: [
                "ConnectorModel", "Egress", "HostLogging", "HostServer", "PluginRuntime", "TokenEncryption",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Host/CLI"),

        // Benchmarks: run by benchmarks/run.sh in release mode; results in benchmarks/RESULTS.md.
        .executableTarget(
            name: "ConnectorBenchmarks",
            dependencies: [
                "ConnectorModel", "Egress", "PluginRuntime", "Store", "StoreMongoDB", "StoreSQLite", "TokenEncryption",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "benchmarks/ConnectorBenchmarks"),

        // Tests: one target per module.
        .testTarget(
            name: "EgressTests",
            dependencies: ["Egress", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/EgressTests"),
        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"], path: "Tests/JSONSchemaTests"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "StoreMongoDB", "StoreSQLite", "TestKit"], path: "Tests/StoreTests"),
        .testTarget(name: "TokenEncryptionTests", dependencies: ["TokenEncryption"], path: "Tests/TokenEncryptionTests"),

        // Test helpers shared by test targets: paths, child processes, C plugin builds, temporary folders.
        .target(name: "TestKit", path: "Tests/TestKit"),
        // The real PostgreSQL the connector and end-to-end tests share: the server, psql, a schema per test.
        .target(name: "PostgresTestSupport", dependencies: ["TestKit"], path: "Tests/PostgresTestSupport"),
        .testTarget(
            name: "PluginRuntimeTests",
            dependencies: ["ConnectorModel", "Egress", "HostLogging", "PluginRuntime", "TestKit"],
            path: "Tests/PluginRuntimeTests"),

        // A whole host in a test, and a client that checks every answer against openapi.json.
        .target(
            name: "HostTesting",
            dependencies: [
                "ConnectorModel", "HostLogging", "HostServer", "JSONSchema", "TestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/HostTesting"),
        .testTarget(
            name: "HostServerTests",
            dependencies: [
                "ConnectorModel", "HostLogging", "HostServer", "HostTesting", "JSONSchema", "PluginRuntime", "Store", "TestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/HostServerTests"),

        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ConnectorModel", "Egress", "HostServer", "HostTesting", "JSONSchema", "PostgresTestSupport", "StandIns", "Store", "TestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/EndToEndTests"),

        // What connector tests share: real HTTP through host egress, the browser's part of OAuth, the Atlassian harness.
        .target(
            name: "ConnectorTestSupport", dependencies: ["ConnectorModel", "ConnectorSDK", "ConnectorSDKTesting", "Egress", "StandIns", "TokenEncryption"],
            path: "Tests/ConnectorTestSupport"),

        // Upstream stand-ins (Jira, Confluence, Atlassian OAuth, Salesforce) for connector and end-to-end tests.
        .target(
            name: "StandIns",
            dependencies: ["ConnectorModel", "JSONSchema", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/StandIns"),
    ] + connectors.flatMap(\.targets) + connectors.map(\.testTarget)
)
