import Foundation
import Synchronization

/// The I/O driver of one pooled session: a `LibpqConnection` and the
/// `LibpqThread` it lives on. Async callers hand it synchronous jobs; the jobs
/// run on the thread and their results come back through continuations, so no
/// libpq call ever runs on the cooperative pool or a host thread.
final class SessionDriver: @unchecked Sendable {
    // @unchecked: `connection` is read and written only by jobs on `thread`,
    // which runs them one at a time; everything else is immutable or a Mutex.
    private var connection: LibpqConnection?
    private let thread: LibpqThread
    private let canceller = Mutex<QueryCanceller?>(nil)

    /// The pool's number for this session.
    let id: Int

    init(id: Int, name: String) {
        self.id = id
        self.thread = LibpqThread(name: name)
    }

    /// Connects and prepares the session on the driver's thread; `completion`
    /// runs there with the error, or nil once the session is ready.
    func open(
        _ parameters: ConnectionParameters, setup: SessionSetup,
        completion: @escaping @Sendable (PostgresError?) -> Void
    ) {
        let accepted = thread.submit { [self] in
            do throws(PostgresError) {
                let session = try LibpqConnection.connect(parameters)
                try setup.apply(to: session)
                connection = session
                canceller.withLock { $0 = session.makeCanceller() }
                completion(nil)
            } catch {
                completion(error)
            }
        }
        if !accepted { completion(PostgresError(.closed, message: "The connection was closed before it opened.")) }
    }

    /// Runs `body` with the session on the driver's thread. Cancelling the
    /// calling task sends a cancel request for the running statement.
    func run<T: Sendable>(_ body: @escaping @Sendable (LibpqConnection) throws -> T) async -> SessionOutcome<T> {
        let flag = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let accepted = thread.submit { [self] in
                    continuation.resume(returning: execute(body, flag))
                }
                if !accepted {
                    let error = PostgresError(.closed, message: "The connection was closed.")
                    continuation.resume(returning: SessionOutcome(result: .failure(error), reusable: false))
                }
            }
        } onCancel: {
            flag.raise()
            // PQcancel opens a connection of its own: never on the canceller's thread.
            if let canceller = canceller.withLock({ $0 }) {
                Thread.detachNewThread { canceller.cancel() }
            }
        }
    }

    /// Ends the session (`PQfinish`) and its thread, then calls `done` there.
    func close(then done: @escaping @Sendable () -> Void) {
        thread.stop { [self] in
            canceller.withLock { $0?.invalidate() }
            connection = nil
            done()
        }
    }

    /// Runs on the thread.
    private func execute<T>(_ body: (LibpqConnection) throws -> T, _ flag: CancellationFlag) -> SessionOutcome<T> {
        guard let connection else {
            return SessionOutcome(result: .failure(PostgresError(.closed, message: "The connection is not open.")), reusable: false)
        }
        guard !flag.isRaised else { return SessionOutcome(result: .failure(CancellationError()), reusable: connection.isReusable) }
        var result = Result { try body(connection) }
        // 57014 after our own cancel request is the caller going away, not a timeout.
        if case .failure(let error as PostgresError) = result, error.sqlState == "57014", flag.isRaised {
            result = .failure(CancellationError())
        }
        return SessionOutcome(result: result, reusable: connection.isReusable)
    }
}

/// What a job on a session produced, and whether the session may serve another lease.
struct SessionOutcome<T: Sendable>: Sendable {
    let result: Result<T, any Error>
    let reusable: Bool
}

/// Set when the task that submitted a job is cancelled.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
