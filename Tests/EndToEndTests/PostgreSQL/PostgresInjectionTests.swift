import ConnectorModel
import Foundation
import HostTesting
import Testing

/// Whatever a client puts in the query string (ids, cursors, limits) is
/// refused with an enveloped 400/404 or is harmless: the victim table still
/// exists with every row afterwards, as psql sees it.
@Suite struct PostgresInjectionTests {
    static let fixture = """
        CREATE TABLE {s}.victim (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO {s}.victim (id, name) SELECT g, 'v' || g FROM generate_series(1, 5) AS g;
        CREATE TABLE {s}.labels (code text PRIMARY KEY);
        INSERT INTO {s}.labels VALUES ('a'), ('b'), ('c');
        """
    static let refusals: Set<String> = [ErrorDocument.Code.invalidInput, ErrorDocument.Code.notFound]

    @Test func idsInTheQueryString() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let s = session.fixture.schema
            let attempts = [
                #"public"; DROP TABLE \#(s).victim; --"#, "\(s).victim; DROP TABLE \(s).victim", #""\#(s)"."victim"; --"#,
                "\(s)'.victim", #"\#(s)."victim"" OR 1=1""#, "\(s).victim)--", #""\#(s)".victim"x"#,
                #"\#(s)."victim; DROP TABLE \#(s).victim""#, "\(s).victim.id.x", "\(s).victim' OR '1'='1", "\(s);DROP SCHEMA \(s) CASCADE",
            ]
            for attempt in attempts {
                let items = try await session.browse("items", connectionId, ["containerId": attempt])
                expectRefused(items, "containerId \(attempt)")
                let comments = try await session.browse("comments", connectionId, ["itemId": attempt])
                expectRefused(comments, "itemId \(attempt)")
                let job = try await session.startedJob(connectionId, mode: "full", table: attempt)
                let finished = try await session.finishedJob(job)
                #expect(finished["status"] == "failed", "sync \(attempt): \(finished)")
                #expect(Self.refusals.contains(finished["error"]?["code"]?.stringValue ?? ""), "sync \(attempt): \(finished)")
            }
            try await expectVictimIntact(session)
        }
    }

    @Test func forgedCursors() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let victim = session.fixture.id("victim")
            let labels = session.fixture.id("labels")
            let forged = [
                "!!!not base64!!!", "'; DROP TABLE \(victim); --", "eyJ0YWJsZSI6MX0",  // {"table":1}
                try Self.cursor(table: victim, after: ["1) OR 1=1; DROP TABLE \(victim); --"]),
                try Self.cursor(table: victim, after: ["1", "2"]),
                try Self.cursor(table: victim, after: []),
                try Self.cursor(table: labels, after: ["1"]),
            ]
            for cursor in forged {
                let page = try await session.browse("items", connectionId, ["containerId": victim, "cursor": cursor])
                #expect(page.status == 400, "cursor \(cursor): \(page.text)")
                #expect(page.errorCode == ErrorDocument.Code.invalidInput, "cursor \(cursor)")
            }
            // A text key is compared, never executed: the forged value is only a position.
            let harmless = try Self.cursor(table: labels, after: ["a'; DROP TABLE \(victim); --"])
            let page = try await session.browse("items", connectionId, ["containerId": labels, "cursor": harmless])
            #expect(page.status == 200, "\(page.text)")
            #expect(page.data["items"]?.arrayValue?.ids == ["b", "c"])
            try await expectVictimIntact(session)
        }
    }

    @Test func otherQueryParameters() async throws {
        try await PostgresHost.run(Self.fixture) { session in
            let connectionId = try await session.connect()
            let victim = session.fixture.id("victim")
            for limit in ["1; DROP TABLE \(victim)", "0", "101", "-1"] {
                let page = try await session.browse("items", connectionId, ["containerId": victim, "limit": limit])
                #expect(page.status == 400, "limit \(limit): \(page.text)")
                #expect(page.errorCode == "invalid_request")
            }
            for since in ["2020-01-01'; DROP TABLE \(victim); --", "now()"] {
                let page = try await session.browse("items", connectionId, ["containerId": victim, "updatedSince": since])
                #expect(page.status == 400, "updatedSince \(since): \(page.text)")
            }
            let otherConnection = try await session.browse("items", "x' OR '1'='1", ["containerId": victim])
            #expect(otherConnection.status == 404, "\(otherConnection.text)")
            try await expectVictimIntact(session)
        }
    }

    private func expectRefused(_ reply: HostReply, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect([400, 404].contains(reply.status), "\(what): \(reply.text)", sourceLocation: sourceLocation)
        #expect(Self.refusals.contains(reply.errorCode ?? ""), "\(what): \(reply.text)", sourceLocation: sourceLocation)
        #expect(reply.body["ok"] == false, sourceLocation: sourceLocation)
    }

    private func expectVictimIntact(_ session: PostgresSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let rows = try await session.fixture.sql("SELECT count(*) FROM {s}.victim")
        #expect(rows == ["5"], sourceLocation: sourceLocation)
        let schemas = try await session.fixture.sql("SELECT count(*) FROM pg_namespace WHERE nspname = '{s}'")
        #expect(schemas == ["1"], sourceLocation: sourceLocation)
    }

    /// A cursor in the connector's format (base64url of {"table","after"}), made by hand.
    static func cursor(table: String, after: [String]) throws -> String {
        let json = try WireCoding.encode(["table": JSONValue.string(table), "after": .array(after.map(JSONValue.string))])
        return Data(json).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }
}
