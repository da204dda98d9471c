import Foundation

/// Where things are in this checkout, for tests.
public enum Repository {
    /// The repository root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The build products folder: `CONNECTOR_BUILD_DIR` (set by scripts/test.sh) or `.build/debug`.
    public static var buildDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["CONNECTOR_BUILD_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return root.appendingPathComponent(".build/debug")
    }

    /// A connector plugin built by `swift build`, e.g. `plugin("Jira")` → libJiraPlugin.so.
    public static func plugin(_ name: String) throws -> URL {
        let url = buildDirectory.appendingPathComponent("lib\(name)Plugin.so")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TestKitError("\(url.path) is missing: build the plugins first (swift build --build-tests, as scripts/test.sh does)")
        }
        return url
    }

    /// A file under Tests/Fixtures.
    public static func fixture(_ relativePath: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }
}

public struct TestKitError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
