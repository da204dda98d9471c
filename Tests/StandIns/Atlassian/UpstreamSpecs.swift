import ConnectorModel
import Foundation
import JSONSchema

/// The pinned vendor OpenAPI subsets in `Tests/Fixtures/upstream-specs`,
/// found from this file's path, each loaded once per test process.
public enum UpstreamSpecs {
    public static let jira = Result { try OpenAPIDocument(json: read("jira-platform-v3.connector-subset.json")) }
    public static let confluenceV2 = Result { try OpenAPIDocument(json: read("confluence-v2.connector-subset.json")) }
    public static let confluenceV1 = Result { try OpenAPIDocument(json: read("confluence-v1.connector-subset.json")) }

    static func read(_ name: String) throws -> [UInt8] {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if directory.lastPathComponent == "Tests" {
                return Array(try Data(contentsOf: directory.appendingPathComponent("Fixtures/upstream-specs/\(name)")))
            }
            directory = directory.deletingLastPathComponent()
        }
        throw StandInError("no Tests folder above \(#filePath)")
    }
}
