import Synchronization

/// One pool per connection id, for the life of the plugin.
final class ConnectionPools: Sendable {
    private struct Pools {
        var current: [String: ConnectionPool] = [:]
        /// Pools replaced by newer settings, closing once their leases end.
        var retired: [ObjectIdentifier: ConnectionPool] = [:]
    }

    private let pools = Mutex(Pools())

    /// The pool of `connectionId`. A pool made for other credentials or
    /// settings is replaced, and shut down once its leases end.
    func pool(for connectionId: String, _ configuration: PoolConfiguration) -> ConnectionPool {
        let (pool, replaced) = pools.withLock { pools -> (ConnectionPool, ConnectionPool?) in
            if let existing = pools.current[connectionId], existing.configuration == configuration { return (existing, nil) }
            let fresh = ConnectionPool(configuration)
            let replaced = pools.current.updateValue(fresh, forKey: connectionId)
            if let replaced { pools.retired[ObjectIdentifier(replaced)] = replaced }
            return (fresh, replaced)
        }
        if let replaced {
            Task {
                await replaced.shutdown()
                pools.withLock { _ = $0.retired.removeValue(forKey: ObjectIdentifier(replaced)) }
            }
        }
        return pool
    }

    /// Runs `body` on a single-use session that is closed afterwards: for
    /// calls without a connection id (validating credentials before a
    /// connection exists), and whenever a fresh login is the point.
    func withDedicatedSession<T: Sendable>(
        _ configuration: PoolConfiguration, _ body: @escaping @Sendable (LibpqConnection) throws -> T
    ) async throws -> T {
        let pool = ConnectionPool(configuration)
        do {
            let value = try await pool.withSession(body)
            await pool.shutdown()
            return value
        } catch {
            await pool.shutdown()
            throw error
        }
    }

    /// Closes every session of every pool, retired ones included.
    func shutdown() async {
        let all = pools.withLock { pools in
            defer { pools = Pools() }
            return Array(pools.current.values) + Array(pools.retired.values)
        }
        await withTaskGroup(of: Void.self) { group in
            for pool in all { group.addTask { await pool.shutdown() } }
        }
    }
}
