/// What every pooled session is set to right after it connects.
///
/// Set per session (not per statement) so one round trip covers a session's
/// whole life. `default_transaction_read_only` makes even a statement outside
/// `BEGIN READ ONLY` unable to write; UTC and ISO styles make the text form of
/// timestamps stable for cursors and RFC 3339 output.
struct SessionSetup: Sendable, Hashable {
    /// `statement_timeout`, in milliseconds.
    let statementTimeoutMs: Int

    func apply(to connection: LibpqConnection) throws(PostgresError) {
        _ = try connection.execute(
            """
            SELECT set_config('statement_timeout', $1, false),
                   set_config('default_transaction_read_only', 'on', false),
                   set_config('TimeZone', 'UTC', false),
                   set_config('DateStyle', 'ISO, YMD', false),
                   set_config('IntervalStyle', 'iso_8601', false)
            """,
            [String(statementTimeoutMs)])
    }
}
