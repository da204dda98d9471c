/// What `ConnectionPool` keeps under its lock: the state machine, and the
/// continuations and drivers its actions name. Turning actions into
/// `Effect`s happens under the lock; carrying them out happens after it.
struct PoolState {
    typealias Lease = CheckedContinuation<SessionDriver, any Error>

    /// Work to do once the lock is released.
    enum Effect {
        case open(SessionDriver)
        case resume(Lease, Result<SessionDriver, any Error>)
        case close(SessionDriver)
        case drained([CheckedContinuation<Void, Never>])
    }

    /// A waiter between `allocateWaiter` and the end of its lease request.
    private enum Waiter {
        /// Allocated; its continuation is not registered yet.
        case allocated
        /// Cancelled before its continuation was registered.
        case cancelled
        case waiting(Lease)
    }

    var machine: PoolStateMachine
    var drainWaiters: [CheckedContinuation<Void, Never>] = []
    private var waiters: [PoolStateMachine.WaiterID: Waiter] = [:]
    private var drivers: [PoolStateMachine.SessionID: SessionDriver] = [:]
    private var closing = 0
    private var nextWaiter = 0
    /// Names threads "<prefix>-<session>".
    private let threadName: String

    init(machine: PoolStateMachine, threadName: String) {
        self.machine = machine
        self.threadName = threadName
    }

    /// Shut down with no session left open or closing.
    var isDrained: Bool { machine.isShutDown && drivers.isEmpty && closing == 0 }

    mutating func allocateWaiter() -> PoolStateMachine.WaiterID {
        nextWaiter += 1
        waiters[nextWaiter] = .allocated
        return nextWaiter
    }

    /// Registers the waiter's continuation; false when it was cancelled first.
    mutating func register(_ waiter: PoolStateMachine.WaiterID, _ lease: Lease) -> Bool {
        guard case .allocated = waiters[waiter] else {
            waiters[waiter] = nil
            return false
        }
        waiters[waiter] = .waiting(lease)
        return true
    }

    mutating func cancel(_ waiter: PoolStateMachine.WaiterID) -> [Effect] {
        switch waiters[waiter] {
        case .allocated: waiters[waiter] = .cancelled
        case .waiting: return apply(machine.leaseCancelled(waiter))
        case .cancelled, nil: break
        }
        return []
    }

    /// Drops the driver of a session that never opened; its thread still has to end.
    mutating func discard(_ session: PoolStateMachine.SessionID) -> [Effect] {
        guard let driver = drivers.removeValue(forKey: session) else { return [] }
        closing += 1
        return [.close(driver)]
    }

    /// A driver finished closing.
    mutating func closed() -> [Effect] {
        closing -= 1
        guard isDrained, !drainWaiters.isEmpty else { return [] }
        defer { drainWaiters = [] }
        return [.drained(drainWaiters)]
    }

    /// The effects of the machine's `actions`; `connectError` is what a
    /// `.connectFailed` waiter receives.
    mutating func apply(_ actions: [PoolStateMachine.Action], connectError: PostgresError? = nil) -> [Effect] {
        actions.compactMap { action in
            switch action {
            case .open(let session):
                let driver = SessionDriver(id: session, name: "\(threadName)-\(session)")
                drivers[session] = driver
                return .open(driver)
            case .lease(let session, let waiter):
                guard case .waiting(let lease) = waiters.removeValue(forKey: waiter), let driver = drivers[session] else { return nil }
                return .resume(lease, .success(driver))
            case .close(let session):
                return discard(session).first
            case .fail(let waiter, let failure):
                guard case .waiting(let lease) = waiters.removeValue(forKey: waiter) else { return nil }
                return .resume(lease, .failure(Self.error(for: failure, connectError)))
            }
        }
    }

    private static func error(for failure: PoolStateMachine.Failure, _ connectError: PostgresError?) -> any Error {
        switch failure {
        case .connectFailed: connectError ?? PostgresError(.connectionFailed, message: "The connection could not be opened.")
        case .cancelled: CancellationError()
        case .shutDown: PostgresError(.closed, message: "The connector is shutting down.")
        }
    }
}
