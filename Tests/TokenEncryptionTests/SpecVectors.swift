import Foundation
import Testing

/// The Fernet spec's vectors, read from `Tests/Fixtures/fernet` next to this source file (not
/// SwiftPM resources, so the JSON stays shared and byte-identical with the spec's copies).
enum SpecVectors {
    struct Generate: Decodable, Sendable, CustomTestStringConvertible {
        let token: String
        let now: Date
        let iv: [UInt8]
        let src: String
        let secret: String
        var testDescription: String { "generate \(src)" }
    }

    struct Verify: Decodable, Sendable, CustomTestStringConvertible {
        let token: String
        let now: Date
        let ttl_sec: Int
        let src: String
        let secret: String
        var testDescription: String { "verify \(src)" }
    }

    struct Invalid: Decodable, Sendable, CustomTestStringConvertible {
        let desc: String
        let token: String
        let now: Date
        let ttl_sec: Int
        let secret: String
        var testDescription: String { desc }
    }

    static func generate() throws -> [Generate] { try load("generate.json") }
    static func verify() throws -> [Verify] { try load("verify.json") }
    static func invalid() throws -> [Invalid] { try load("invalid.json") }

    /// `Tests/Fixtures/fernet`, found by walking up from this file to the `Tests` folder.
    static var folder: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" && url.path != "/" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/fernet", isDirectory: true)
    }

    private static func load<T: Decodable>(_ name: String) throws -> [T] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([T].self, from: data)
    }
}
