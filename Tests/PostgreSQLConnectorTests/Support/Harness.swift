import ConnectorModel
import ConnectorSDK
import ConnectorSDKTesting
import Foundation
import PostgresTestSupport
import Testing

@testable import PostgreSQLConnector

/// The connector behind the real ABI (`TestHost`), a connection to the test
/// database as the owner, and a fixture schema of the test's own.
struct Harness: Sendable {
    let host: TestHost
    let database: PostgresDatabase
    let fixture: PostgresFixture
    /// Unique per test, so the connector's sessions show up in
    /// `pg_stat_activity` as "ucp-postgresql/<connectionId>".
    let connectionId: String
    var connection: ConnectionContext
    var settings: ConnectorSettings

    /// The fixture schema's name.
    var schema: String { fixture.schema }

    /// Calls `operation` on the harness's connection (or `connection`).
    func call<Input: Codable & Sendable, Output: Decodable>(
        _ operation: ConnectorModel.Operation, _ input: Input, connection: ConnectionContext? = nil, settings: ConnectorSettings? = nil,
        as output: Output.Type
    ) async throws -> Output {
        try await host.call(
            operation, input: input, settings: settings ?? self.settings, connection: connection ?? self.connection,
            connectionId: connectionId, as: output)
    }

    func items(_ containerId: String, limit: Int = 25, cursor: String? = nil, includeRaw: Bool = false, updatedSince: String? = nil)
        async throws -> Page<Item>
    {
        try await call(
            .listItems, ListRequest(containerId: containerId, limit: limit, cursor: cursor, updatedSince: updatedSince, includeRaw: includeRaw),
            as: Page<Item>.self)
    }

    /// Every item of `containerId`, following `nextCursor`; also the page count.
    func allItems(_ containerId: String, limit: Int) async throws -> (items: [Item], pages: Int) {
        var items: [Item] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await self.items(containerId, limit: limit, cursor: cursor, includeRaw: true)
            #expect(page.items.count <= limit)
            items += page.items
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 1000
        return (items, pages)
    }

    func sync(_ table: String, mode: SyncPageRequest.Mode, checkpoint: JSONValue?, limit: Int) async throws -> SyncPage {
        try await call(.syncPage, SyncPageRequest(mode: mode, containerId: table, checkpoint: checkpoint, limit: limit), as: SyncPage.self)
    }

    /// Checks that no log line the connector wrote holds any of `secrets`.
    func expectLogsFree(of secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for line in host.logs {
            let text = line.message + String(decoding: try WireCoding.encode(line.fields), as: UTF8.self)
            for secret in secrets {
                #expect(!text.contains(secret), "a log line holds a secret: \(line.message)", sourceLocation: sourceLocation)
            }
        }
    }
}

/// Runs `body` with a fresh harness: fixture schema set up with `setup`
/// (`{s}` is the schema), the connector loaded, connected with `form`. The
/// host is shut down and the schema dropped afterwards, even when `body` fails.
func withHarness(
    _ setup: String = "", config: [String: JSONValue] = [:], form: CredentialForm = .connectionString,
    _ body: (Harness) async throws -> Void
) async throws {
    let database = try await PostgresDatabase.shared()
    let fixture = try await PostgresFixture.make(database, setup)
    let host = try TestHost(PostgreSQLConnector.self)
    let harness = Harness(
        host: host, database: database, fixture: fixture, connectionId: "test-" + UUID().uuidString.prefix(8).lowercased(),
        connection: form.connection(database.owner), settings: ConnectorSettings(config: config))
    var failure: (any Error)?
    do { try await body(harness) } catch { failure = error }
    await host.shutdown()
    try await fixture.drop()
    if let failure { throw failure }
}

/// Runs `body` with a connector behind `TestHost` and no database fixture;
/// the host is shut down afterwards, even when `body` fails.
func withHost(_ body: (TestHost) async throws -> Void) async throws {
    let host = try TestHost(PostgreSQLConnector.self)
    var failure: (any Error)?
    do { try await body(host) } catch { failure = error }
    await host.shutdown()
    if let failure { throw failure }
}

/// The error document `body` fails with, or nil when it succeeds.
func errorDocument(_ body: () async throws -> some Any) async -> ErrorDocument? {
    do {
        _ = try await body()
        return nil
    } catch let document as ErrorDocument {
        return document
    } catch {
        Issue.record("expected an error document, got \(error)")
        return nil
    }
}

extension SyncPage {
    /// The row key of every record (its item's id; the record id names the table too).
    var keys: [String] { records.map { $0.data["id"]?.stringValue ?? "" } }
}
