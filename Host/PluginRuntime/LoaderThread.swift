import Foundation

/// One dedicated OS thread that runs submitted work in order.
///
/// Loading (dlopen, entry points) and shutdown hooks block, and a Swift
/// plugin's shutdown waits for its own tasks: run on a Dispatch worker, that
/// wait can starve the threads Swift concurrency needs (libdispatch shares
/// them on Linux). A thread of its own keeps both apart.
final class LoaderThread: @unchecked Sendable {
    // @unchecked: `work` and `stopped` are only touched while holding `condition`.
    private var work: [@Sendable () -> Void] = []
    private var stopped = false
    private let condition = NSCondition()

    init(name: String) {
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    /// Runs `job` after everything submitted before it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.withLock {
            work.append(job)
            condition.signal()
        }
    }

    /// Lets the thread end once its work is done.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func loop() {
        while let job = next() { job() }
    }

    private func next() -> (@Sendable () -> Void)? {
        condition.withLock {
            while work.isEmpty && !stopped { condition.wait() }
            return work.isEmpty ? nil : work.removeFirst()
        }
    }
}
