import ConnectorModel
import JSONSchema

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The vendor specs in `Tests/Fixtures/upstream-specs`, found from this
/// file's own path (no SwiftPM resources), each loaded once per test process.
enum Fixtures {
    static let jira = Result { try OpenAPIDocument(json: read("jira-platform-v3.connector-subset.json")) }
    static let confluenceV2 = Result { try OpenAPIDocument(json: read("confluence-v2.connector-subset.json")) }
    static let confluenceV1 = Result { try OpenAPIDocument(json: read("confluence-v1.connector-subset.json")) }

    /// The bytes of one file in the specs folder.
    static func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: specsDirectory() + "/" + name)))
    }

    /// `…/Tests/Fixtures/upstream-specs`, by walking up from this file to the `Tests` folder.
    static func specsDirectory(from file: String = #filePath) throws -> String {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            if directory.lastPathComponent == "Tests" {
                return directory.appendingPathComponent("Fixtures/upstream-specs").path
            }
            directory = directory.deletingLastPathComponent()
        }
        throw FixtureError(message: "no Tests folder above \(file)")
    }

    struct FixtureError: Error { let message: String }
}

/// Builds a JSON tree from JSON text in a test.
func json(_ text: String) throws -> JSONValue {
    try WireCoding.decode(JSONValue.self, from: Array(text.utf8))
}

/// Validates `instance` against a standalone schema.
func issues(_ instance: JSONValue, _ schema: JSONValue) -> [ValidationIssue] {
    JSONSchemaValidator(document: schema).validate(instance)
}
