import Dispatch
import Foundation
import Synchronization

/// A thread of the plugin's own that runs jobs one at a time, in order.
///
/// libpq blocks on the network in almost every call. Running those calls here
/// keeps them off the Swift cooperative pool (a few threads shared by every
/// task of the host) and off the host's own threads (`invoke` must not block).
/// One thread serves one connection, so jobs of a connection never overlap.
final class LibpqThread: Sendable {
    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    init(name: String) {
        Thread.detachNewThread { [self] in
            Thread.current.name = name
            loop()
        }
    }

    /// Queues `job`; returns false (and drops it) once `stop` was called.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = queue.withLock { queue in
            guard !queue.stopping else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted { wakeUp.signal() }
        return accepted
    }

    /// Runs `job` as the last one, then ends the thread.
    func stop(after job: @escaping @Sendable () -> Void) {
        let accepted = queue.withLock { queue in
            guard !queue.stopping else { return false }
            queue.jobs.append(job)
            queue.stopping = true
            return true
        }
        if accepted { wakeUp.signal() }
    }

    private func loop() {
        while true {
            wakeUp.wait()
            let next = queue.withLock { queue -> (job: (@Sendable () -> Void)?, last: Bool) in
                guard !queue.jobs.isEmpty else { return (nil, queue.stopping) }
                let job = queue.jobs.removeFirst()
                return (job, queue.stopping && queue.jobs.isEmpty)
            }
            next.job?()
            if next.last { return }
        }
    }
}
