import Dispatch
import Synchronization

/// Work for a store thread: it gets the thread's connection source.
typealias MongoJob = @Sendable (MongoWorkerContext) -> Void

/// The queue between callers (any thread) and the store's worker threads.
/// Closing it lets the workers finish what is queued, then stop.
final class MongoJobQueue: Sendable {
    private struct State {
        var jobs: [MongoJob] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    /// Counts queued jobs plus one wake-up per worker once closed.
    private let ready = DispatchSemaphore(value: 0)

    /// Queues `job`; false once the queue is closed.
    func post(_ job: @escaping MongoJob) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { ready.signal() }
        return accepted
    }

    /// The next job, waiting for one; nil once the queue is closed and empty.
    func next() -> MongoJob? {
        ready.wait()
        return state.withLock { state in
            guard state.head < state.jobs.count else { return nil }
            let job = state.jobs[state.head]
            state.head += 1
            if state.head == state.jobs.count {
                state.jobs.removeAll(keepingCapacity: true)
                state.head = 0
            }
            return job
        }
    }

    /// Stops accepting jobs and wakes each of `workers` threads once more, so
    /// that every one of them sees the end after the last queued job.
    func close(workers: Int) {
        state.withLock { $0.closed = true }
        for _ in 0..<workers { ready.signal() }
    }
}
