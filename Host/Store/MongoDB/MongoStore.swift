import Logging
import Store
import Synchronization

/// The MongoDB store (libmongoc), `HostStore` and `SyncStore`: one collection
/// per record type, documents built from the records' JSON, tenant-scoped
/// filters on every tenant-owned query. Only plain CRUD, upserts,
/// findAndModify, unique and TTL indexes: no transactions, so it runs on a
/// standalone server (and the project's wire-protocol test server).
///
/// libmongoc calls block, so they run on the store's own threads, each with a
/// client from a `mongoc_client_pool_t`; callers await them. Nothing connects
/// in `init`: the host starts while MongoDB is down, answers `.unavailable`
/// (503) within the server selection timeout, and recovers by itself once the
/// server is back. Indexes are ensured before the first operation and again
/// after every outage.
public final class MongoStore: HostStore {
    public let kind = "mongodb"
    /// The database every collection lives in.
    public let database: String
    /// The URL with its credentials replaced by "***", for logs.
    public let displayURL: String
    private let workers: MongoWorkers
    private let availability = Mutex(MongoAvailability())

    /// The database used when neither `database` nor the URL names one.
    public static let defaultDatabase = "connector_host"

    /// - Parameters:
    ///   - url: `MONGODB_URL`. Unless it says otherwise, server selection and
    ///     connecting time out after 2 s and a silent server after 10 s.
    ///   - database: `MONGODB_DB`; nil or empty: the URL's database, else `defaultDatabase`.
    ///   - threads: store threads, hence also concurrent operations and pooled clients.
    ///   - libmongocLog: where libmongoc's own log lines go (process-wide: the newest store's logger).
    /// - Throws: `.unavailable` when `url` is not a MongoDB URL (message without credentials).
    public init(url: String, database: String? = nil, threads: Int = 4, libmongocLog: Logger = Logger(label: "libmongoc")) throws(StoreError) {
        let parsed = try MongoURL(url, libmongocLog: libmongocLog)
        let name = [database, parsed.database].compactMap { $0 }.first { !$0.isEmpty } ?? Self.defaultDatabase
        self.database = name
        displayURL = parsed.display
        let count = max(1, threads)
        workers = MongoWorkers(count: count, pool: MongoClientPool(url: parsed, maxClients: count), database: name)
    }

    deinit {
        workers.shutdown()
    }

    public func ping() async throws(StoreError) {
        try await perform { connection throws(MongoFailure) in
            _ = try connection.command(["ping": 1], database: "admin")
        }
    }

    /// Runs `operation` on a store thread, through the availability state machine.
    func perform<T: Sendable>(
        _ operation: @escaping @Sendable (MongoConnection) throws(MongoFailure) -> T
    ) async throws(StoreError) -> T {
        let ensureIndexes: Bool
        let probe: Bool
        switch availability.withLock({ $0.admit() }) {
        case .reject(let error): throw error
        case .run(let ensure, let isProbe): (ensureIndexes, probe) = (ensure, isProbe)
        }
        let (result, ensured) = await run(operation, ensureIndexes: ensureIndexes)
        let outcome: MongoAvailability.Outcome
        switch result {
        case .failure(let failure) where failure.serverUnreachable: outcome = .unreachable(failure.error)
        default: outcome = .answered(indexesEnsured: ensured)
        }
        availability.withLock { $0.finished(outcome, probe: probe) }
        return try result.mapError(\.error).get()
    }

    private func run<T: Sendable>(
        _ operation: @escaping @Sendable (MongoConnection) throws(MongoFailure) -> T, ensureIndexes: Bool
    ) async -> (Result<T, MongoFailure>, indexesEnsured: Bool) {
        await withCheckedContinuation { continuation in
            let accepted = workers.submit { context in
                var ensured = false
                let result = Result { () throws(MongoFailure) -> T in
                    let connection = try context.connection()
                    if ensureIndexes {
                        try connection.ensureIndexes()
                        ensured = true
                    }
                    return try operation(connection)
                }
                continuation.resume(returning: (result, ensured))
            }
            if !accepted {
                continuation.resume(returning: (.failure(MongoFailure(StoreError(.unavailable, "the MongoDB store is shut down"))), false))
            }
        }
    }
}
