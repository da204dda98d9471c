import Store

/// Whether operations should reach for MongoDB, and whether the indexes must
/// be ensured first. A pure state machine: the store feeds it events and does
/// what it answers; it never touches the network itself.
///
/// While the server is unreachable every waiting operation would block a store
/// thread for the whole server selection timeout, so only one operation at a
/// time goes through as a probe; the others fail at once with the last error.
/// The first answer from the server ends this. After an outage the indexes are
/// ensured again, since a server may come back empty (a restarted test server,
/// a restored backup).
struct MongoAvailability: Sendable {
    enum State: Sendable, Equatable {
        case reachable
        case unreachable(lastError: StoreError, probing: Bool)
    }

    /// What to do with an operation about to start.
    enum Admission: Sendable, Equatable {
        /// Run it; `ensureIndexes` first when they are not known to exist.
        /// A probe is the one operation let through while the server is unreachable.
        case run(ensureIndexes: Bool, probe: Bool)
        /// Fail it with this error without asking the server.
        case reject(StoreError)
    }

    /// How an admitted operation ended.
    enum Outcome: Sendable, Equatable {
        /// The server answered (success, or an error it reported such as a duplicate key).
        case answered(indexesEnsured: Bool)
        /// The server could not be reached.
        case unreachable(StoreError)
    }

    private(set) var state = State.reachable
    private(set) var indexesEnsured = false

    mutating func admit() -> Admission {
        switch state {
        case .reachable:
            return .run(ensureIndexes: !indexesEnsured, probe: false)
        case .unreachable(let error, probing: true):
            return .reject(StoreError(.unavailable, "\(error.message) (still unreachable; another request is checking)"))
        case .unreachable(let error, probing: false):
            state = .unreachable(lastError: error, probing: true)
            return .run(ensureIndexes: !indexesEnsured, probe: true)
        }
    }

    mutating func finished(_ outcome: Outcome, probe: Bool) {
        switch outcome {
        case .answered(let ensured):
            state = .reachable
            if ensured { indexesEnsured = true }
        case .unreachable(let error):
            indexesEnsured = false
            // Only the probe's end lets the next probe through; operations admitted
            // before the outage may still be failing.
            let probing: Bool
            if case .unreachable(_, let wasProbing) = state { probing = wasProbing && !probe } else { probing = false }
            state = .unreachable(lastError: error, probing: probing)
        }
    }
}
