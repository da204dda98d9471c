/// Everything that shapes a pool. Two calls of the same connection share a
/// pool only while this is equal: new credentials or settings get a new pool.
struct PoolConfiguration: Sendable, Hashable {
    /// Where and how to connect (holds the password: never logged).
    let parameters: ConnectionParameters
    let setup: SessionSetup
    /// The most sessions at once (the `poolSize` setting).
    let capacity: Int
    let idleTimeout: Duration
    /// Prefix of the driver threads' names.
    let threadName: String
}
