import Foundation

/// A schema of the test's own, created through `psql` as the owner and
/// dropped (with everything in it) when the test ends.
public struct PostgresFixture: Sendable {
    public let database: PostgresDatabase
    /// The schema's name: lower case letters, digits and `_`, unique per test.
    public let schema: String

    /// Creates the schema, then runs `setup` with every `{s}` replaced by it.
    public static func make(_ database: PostgresDatabase, _ setup: String) async throws -> PostgresFixture {
        let schema = "pgt_" + UUID().uuidString.prefix(13).lowercased().replacing("-", with: "")
        let fixture = PostgresFixture(database: database, schema: schema)
        try await PostgresPsql.run("CREATE SCHEMA \(schema);\n" + fixture.expand(setup), as: database.owner)
        return fixture
    }

    /// Runs more SQL as the owner, `{s}` standing for the schema.
    @discardableResult
    public func sql(_ text: String) async throws -> [String] {
        try await PostgresPsql.run(expand(text), as: database.owner)
    }

    /// "<schema>.<name>": a relation's id as the connector spells it.
    public func id(_ name: String) -> String {
        "\(schema).\(name)"
    }

    public func drop() async throws {
        try await PostgresPsql.run("DROP SCHEMA \(schema) CASCADE", as: database.owner)
    }

    private func expand(_ text: String) -> String {
        text.replacing("{s}", with: schema)
    }
}
