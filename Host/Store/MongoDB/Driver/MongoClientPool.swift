import CMongoc
import Store
import Synchronization

/// A `mongoc_client_pool_t`: the thread-safe source of clients, one per worker.
///
/// The pool is created by the first worker that needs a client, not in the
/// store's `init`: for `mongodb+srv://` URLs creating it means a blocking DNS
/// lookup, which must neither run on the cooperative pool nor stop the host
/// from starting while DNS is down. It is destroyed in `deinit`, once every
/// worker has pushed its client back and let go of it, so on the last worker
/// thread (destroying joins libmongoc's monitoring thread).
final class MongoClientPool: Sendable {
    let url: MongoURL
    private let maxClients: Int
    private let raw = Mutex<PoolPointer?>(nil)

    /// `@unchecked Sendable`: libmongoc documents `mongoc_client_pool_pop` and
    /// `_push` as safe from any thread; everything else happens under `raw`'s lock.
    private struct PoolPointer: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    init(url: MongoURL, maxClients: Int) {
        self.url = url
        self.maxClients = maxClients
    }

    deinit {
        raw.withLock { pool in
            if let pool { mongoc_client_pool_destroy(pool.pointer) }
        }
    }

    /// A client for the calling thread alone; creates the pool on first use.
    func pop() throws(MongoFailure) -> OpaquePointer {
        let pool = try raw.withLock { (pool: inout PoolPointer?) throws(MongoFailure) -> PoolPointer in
            if let pool { return pool }
            var error = bson_error_t()
            guard let created = mongoc_client_pool_new_with_error(url.uri, &error) else {
                throw MongoFailure(domain: error.domain, code: error.code, message: error.text, redact: url.redact)
            }
            // Version 2 reports server errors with their own codes (11000 for duplicate keys).
            mongoc_client_pool_set_error_api(created, MONGOC_ERROR_API_VERSION_2)
            mongoc_client_pool_max_size(created, UInt32(maxClients))
            pool = PoolPointer(pointer: created)
            return pool!
        }
        return mongoc_client_pool_pop(pool.pointer)
    }

    func push(_ client: OpaquePointer) {
        raw.withLock { pool in
            if let pool { mongoc_client_pool_push(pool.pointer, client) }
        }
    }
}
