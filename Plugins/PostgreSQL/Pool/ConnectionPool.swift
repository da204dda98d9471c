import Synchronization

/// The async API over the pool: `withSession` leases a session, runs a job on
/// its thread and returns it. Decisions come from `PoolStateMachine`; this
/// type only keeps the continuations and drivers those decisions refer to and
/// carries the actions out, outside its lock.
final class ConnectionPool: Sendable {
    let configuration: PoolConfiguration
    private let state: Mutex<PoolState>
    private let reaper = Mutex<Task<Void, Never>?>(nil)

    init(_ configuration: PoolConfiguration) {
        self.configuration = configuration
        self.state = Mutex(
            PoolState(
                machine: PoolStateMachine(capacity: configuration.capacity, idleTimeout: configuration.idleTimeout),
                threadName: configuration.threadName))
        startReaper()
    }

    /// Runs `body` on a leased session's thread and returns its result. The
    /// session goes back to the pool, or is closed when the job left it broken
    /// or inside a transaction.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (LibpqConnection) throws -> T) async throws -> T {
        let driver = try await lease()
        let outcome = await driver.run(body)
        perform(state.withLock { $0.apply($0.machine.released(driver.id, reusable: outcome.reusable, now: .now)) })
        return try outcome.result.get()
    }

    /// Closes every session and waits until all are gone; later leases fail.
    func shutdown() async {
        reaper.withLock { $0?.cancel() }
        perform(state.withLock { $0.apply($0.machine.shutdown()) })
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let drained = state.withLock { state in
                guard !state.isDrained else { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if drained { continuation.resume() }
        }
    }

    private func lease() async throws -> SessionDriver {
        let waiter = state.withLock { $0.allocateWaiter() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                perform(
                    state.withLock { state in
                        guard state.register(waiter, continuation) else {
                            return [.resume(continuation, .failure(CancellationError()))]
                        }
                        return state.apply(state.machine.leaseRequested(waiter))
                    })
            }
        } onCancel: {
            perform(state.withLock { $0.cancel(waiter) })
        }
    }

    private func perform(_ effects: [PoolState.Effect]) {
        for effect in effects {
            switch effect {
            case .open(let driver):
                driver.open(configuration.parameters, setup: configuration.setup) { [self] error in
                    opened(driver, error)
                }
            case .resume(let continuation, let result):
                continuation.resume(with: result)
            case .close(let driver):
                driver.close { [self] in
                    perform(state.withLock { $0.closed() })
                }
            case .drained(let continuations):
                continuations.forEach { $0.resume() }
            }
        }
    }

    private func opened(_ driver: SessionDriver, _ error: PostgresError?) {
        perform(
            state.withLock { state in
                guard let error else { return state.apply(state.machine.opened(driver.id, now: .now)) }
                return state.apply(state.machine.openFailed(driver.id), connectError: error) + state.discard(driver.id)
            })
    }

    /// Closes idle sessions now and then; holds the pool weakly so a dropped
    /// pool ends its reaper.
    private func startReaper() {
        let interval = max(configuration.idleTimeout / 4, .seconds(1))
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                perform(state.withLock { $0.apply($0.machine.tick(now: .now)) })
            }
        }
        reaper.withLock { $0 = task }
    }
}
