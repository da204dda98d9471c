import ConnectorModel
import ConnectorSDK

/// How operations reach PostgreSQL: resolve the call's connection and
/// settings, pick its pool (or a one-off session), run the job inside a
/// read-only transaction on the session's thread, and turn failures into
/// error documents with every secret scrubbed.
struct Database: Sendable {
    let pools: ConnectionPools

    /// Runs `body` in `BEGIN READ ONLY` on a session of the call's connection.
    /// `dedicated` uses a fresh session closed afterwards (a real login).
    func read<T: Sendable>(
        _ context: CallContext, dedicated: Bool = false, _ body: @escaping @Sendable (LibpqConnection) throws -> T
    ) async throws -> T {
        let options = ConnectorOptions(context)
        let parameters = try ConnectionTarget.parameters(context, options)
        let configuration = PoolConfiguration(
            parameters: parameters, setup: options.sessionSetup, capacity: options.poolSize,
            idleTimeout: .seconds(options.idleTimeoutSeconds), threadName: "ucp-postgresql")
        let job: @Sendable (LibpqConnection) throws -> T = { connection in try Self.readOnly(connection, body) }
        do {
            guard !dedicated, let connectionId = context.connectionId else {
                return try await pools.withDedicatedSession(configuration, job)
            }
            return try await pools.pool(for: connectionId, configuration).withSession(job)
        } catch let error as PostgresError {
            let secrets = parameters.secretValues + (context.credentials?.secretValues ?? [])
            let document = ErrorDocument(error, statementTimeoutMs: options.statementTimeoutMs, secrets: secrets)
            context.log.warning("PostgreSQL \(context.operation) failed", ["code": .string(document.code), "reason": .string(document.message)])
            throw document
        }
    }

    /// One snapshot for the whole job, so catalog lookups and the rows read
    /// after them agree; a failed job leaves no transaction open.
    private static func readOnly<T>(_ connection: LibpqConnection, _ body: (LibpqConnection) throws -> T) throws -> T {
        _ = try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let value = try body(connection)
            _ = try connection.execute("COMMIT")
            return value
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
