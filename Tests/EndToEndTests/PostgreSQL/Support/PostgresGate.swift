import ConnectorModel
import PostgresTestSupport
import TestKit

/// A table whose reading stops at a gate, so a test can act while a sync job
/// is in the middle of a page, without timing.
///
/// `{s}.events`: rows 1-4 have no time stamp, so a full sync reads them first
/// (pages 1 and 2 at two rows a page); reading row 9, from page 3 on, waits
/// while the sequence `{s}.gate` is 0 (a row-level security policy calls
/// `at_gate`, forced so it binds the owner too). The wait shows in
/// `pg_stat_activity` as `PgSleep`.
enum PostgresGate {
    static let fixture = """
        CREATE TABLE {s}.events (id int PRIMARY KEY, title text NOT NULL, updated_at timestamptz);
        INSERT INTO {s}.events SELECT g, 'event ' || g,
            CASE WHEN g > 4 THEN timestamptz '2024-03-01 00:00:00+00' + g * interval '1 minute' END FROM generate_series(1, 10) AS g;
        CREATE SEQUENCE {s}.gate MINVALUE 0 START 0;
        CREATE FUNCTION {s}.at_gate(row_id int) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN
            IF row_id = 9 THEN
                WHILE coalesce(pg_sequence_last_value('{s}.gate'), 0) = 0 LOOP
                    PERFORM pg_sleep(0.01);
                END LOOP;
            END IF;
            RETURN true;
        END $$;
        CREATE POLICY gated ON {s}.events USING ({s}.at_gate(id));
        ALTER TABLE {s}.events ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {s}.events FORCE ROW LEVEL SECURITY;
        """

    /// Settings for a gated test: one session, and no statement timeout ending the wait.
    static let settings: JSONValue = ["statementTimeoutMs": 600_000, "poolSize": 1]

    /// Waits until the connection's session waits at the gate.
    static func waitForReader(_ session: PostgresSession, _ connectionId: String) async throws {
        let owner = session.owner
        try await eventually(timeout: .seconds(60), "a session of \(connectionId) to wait at the gate") {
            try await PostgresPsql.sessions(of: connectionId, waitingOn: "PgSleep", as: owner) == 1
        }
    }

    /// Lets every reader through, now and later.
    static func open(_ session: PostgresSession) async throws {
        try await session.fixture.sql("SELECT setval('{s}.gate', 1)")
    }
}
