/// The connection pool's decisions, as plain data: who gets which session,
/// when to open or close one. No I/O, no clock, no locks: `ConnectionPool`
/// feeds it events and carries out the actions it returns, and tests drive it
/// directly.
struct PoolStateMachine: Sendable {
    typealias SessionID = Int
    typealias WaiterID = Int

    /// What the pool must do after an event.
    enum Action: Equatable, Sendable {
        /// Create session `SessionID` and connect it.
        case open(SessionID)
        /// Hand session `SessionID` to waiter `WaiterID`.
        case lease(SessionID, to: WaiterID)
        /// Close session `SessionID`.
        case close(SessionID)
        /// Give up on waiter `WaiterID`.
        case fail(WaiterID, Failure)
    }

    /// Why a waiter got no session.
    enum Failure: Equatable, Sendable {
        /// The session opened for it failed to connect (the pool has the error).
        case connectFailed
        /// Its task was cancelled while it waited.
        case cancelled
        /// The pool is shutting down.
        case shutDown
    }

    private enum Slot: Equatable {
        case opening
        case idle(since: ContinuousClock.Instant)
        case leased
    }

    /// The most sessions open (or opening) at once.
    let capacity: Int
    /// How long a session may sit idle before it is closed.
    let idleTimeout: Duration
    private var slots: [SessionID: Slot] = [:]
    private var waiters: [WaiterID] = []
    private var nextSessionID: SessionID = 0
    private(set) var isShutDown = false

    init(capacity: Int, idleTimeout: Duration) {
        self.capacity = max(1, capacity)
        self.idleTimeout = idleTimeout
    }

    /// Sessions open, opening or leased.
    var sessionCount: Int { slots.count }

    /// A task wants a session.
    mutating func leaseRequested(_ waiter: WaiterID) -> [Action] {
        guard !isShutDown else { return [.fail(waiter, .shutDown)] }
        // Most recently used first, so surplus sessions age out.
        let idle = slots.compactMap { id, slot -> (SessionID, ContinuousClock.Instant)? in
            if case .idle(let since) = slot { return (id, since) } else { return nil }
        }
        if let (id, _) = idle.max(by: { $0.1 < $1.1 }) {
            slots[id] = .leased
            return [.lease(id, to: waiter)]
        }
        waiters.append(waiter)
        return openForWaiters()
    }

    /// The waiting task was cancelled.
    mutating func leaseCancelled(_ waiter: WaiterID) -> [Action] {
        guard let position = waiters.firstIndex(of: waiter) else { return [] }
        waiters.remove(at: position)
        return [.fail(waiter, .cancelled)]
    }

    /// Session `id` connected.
    mutating func opened(_ id: SessionID, now: ContinuousClock.Instant) -> [Action] {
        guard slots[id] == .opening else { return [] }
        if isShutDown {
            slots[id] = nil
            return [.close(id)]
        }
        return handOver(id, now: now)
    }

    /// Session `id` failed to connect: the longest waiter gets the error, and
    /// the others keep waiting (for a new attempt or a released session).
    mutating func openFailed(_ id: SessionID) -> [Action] {
        guard slots[id] == .opening else { return [] }
        slots[id] = nil
        var actions: [Action] = []
        if !waiters.isEmpty { actions.append(.fail(waiters.removeFirst(), .connectFailed)) }
        return actions + openForWaiters()
    }

    /// A lease ended; `reusable` is false when the session broke or was left
    /// inside a transaction.
    mutating func released(_ id: SessionID, reusable: Bool, now: ContinuousClock.Instant) -> [Action] {
        guard slots[id] == .leased else { return [] }
        guard reusable, !isShutDown else {
            slots[id] = nil
            return [.close(id)] + openForWaiters()
        }
        return handOver(id, now: now)
    }

    /// Time passed: close sessions idle for `idleTimeout` or longer.
    mutating func tick(now: ContinuousClock.Instant) -> [Action] {
        let expired = slots.compactMap { id, slot -> SessionID? in
            guard case .idle(let since) = slot, now - since >= idleTimeout else { return nil }
            return id
        }
        return expired.sorted().map { id in
            slots[id] = nil
            return .close(id)
        }
    }

    /// Closes idle sessions and fails waiters; sessions still opening or
    /// leased are closed when they report back.
    mutating func shutdown() -> [Action] {
        isShutDown = true
        let failed = waiters.map { Action.fail($0, .shutDown) }
        waiters = []
        let idle = slots.compactMap { id, slot -> SessionID? in
            if case .idle = slot { return id } else { return nil }
        }
        return failed
            + idle.sorted().map { id in
                slots[id] = nil
                return .close(id)
            }
    }

    private mutating func handOver(_ id: SessionID, now: ContinuousClock.Instant) -> [Action] {
        guard !waiters.isEmpty else {
            slots[id] = .idle(since: now)
            return []
        }
        slots[id] = .leased
        return [.lease(id, to: waiters.removeFirst())]
    }

    /// Opens sessions while some waiter has none coming and there is room.
    private mutating func openForWaiters() -> [Action] {
        var actions: [Action] = []
        while !isShutDown, waiters.count > slots.values.count(where: { $0 == .opening }), slots.count < capacity {
            let id = nextSessionID
            nextSessionID += 1
            slots[id] = .opening
            actions.append(.open(id))
        }
        return actions
    }
}
