#if canImport(Glibc)
import Glibc
#endif

/// What a job sees on its worker thread: the thread's connection, opened on
/// first use and kept for the thread's lifetime.
final class MongoWorkerContext {
    private let pool: MongoClientPool
    private let database: String
    private var client: OpaquePointer?
    private var current: MongoConnection?

    init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    /// The thread's connection; creating the client pool may fail (DNS for `mongodb+srv`).
    func connection() throws(MongoFailure) -> MongoConnection {
        if let current { return current }
        let popped = try pool.pop()
        let opened = MongoConnection(client: popped, database: database, url: pool.url)
        client = popped
        current = opened
        return opened
    }

    /// Gives the client back; the thread ends after this.
    func close() {
        current?.close()
        current = nil
        if let client { pool.push(client) }
        client = nil
    }
}

/// The store's threads: every libmongoc call runs on one of them, never on the
/// Swift cooperative pool. Each holds one pooled client.
final class MongoWorkers: Sendable {
    private let queue = MongoJobQueue()
    private let count: Int

    init(count: Int, pool: MongoClientPool, database: String) {
        self.count = count
        for _ in 0..<count {
            Self.spawn { [queue] in
                let context = MongoWorkerContext(pool: pool, database: database)
                while let job = queue.next() { job(context) }
                context.close()
            }
        }
    }

    /// Runs `job` on a worker thread; false after `shutdown`.
    func submit(_ job: @escaping MongoJob) -> Bool {
        queue.post(job)
    }

    /// Lets the threads finish what is queued and end; the last one to end
    /// releases the client pool.
    func shutdown() {
        queue.close(workers: count)
    }

    /// Starts a detached POSIX thread running `body`.
    private static func spawn(_ body: @escaping @Sendable () -> Void) {
        final class Box {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let code = pthread_create(
            &thread, nil,
            { raw in
                Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body()
                return nil
            }, box)
        precondition(code == 0, "cannot start a MongoDB store thread (pthread_create: \(code))")
        pthread_detach(thread)
    }
}
