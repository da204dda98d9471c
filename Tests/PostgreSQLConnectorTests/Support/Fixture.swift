import Foundation

/// A schema of the test's own, created through `psql` as the owner and
/// dropped (with everything in it) when the test ends.
struct Fixture: Sendable {
    let database: TestDatabase
    /// The schema's name; lower case letters, digits and `_`, unique per test.
    let schema: String

    /// Creates the schema, then runs `setup` with every `{s}` replaced by it.
    static func make(_ database: TestDatabase, _ setup: String) async throws -> Fixture {
        let schema = "pgt_" + UUID().uuidString.prefix(12).lowercased().replacing("-", with: "")
        let fixture = Fixture(database: database, schema: schema)
        try await Psql.run("CREATE SCHEMA \(schema);\n" + fixture.expand(setup), as: database.owner)
        return fixture
    }

    /// Runs more SQL as the owner, `{s}` standing for the schema.
    @discardableResult
    func sql(_ text: String) async throws -> [String] {
        try await Psql.run(expand(text), as: database.owner)
    }

    func drop() async throws {
        try await Psql.run("DROP SCHEMA \(schema) CASCADE", as: database.owner)
    }

    private func expand(_ text: String) -> String {
        text.replacing("{s}", with: schema)
    }
}
