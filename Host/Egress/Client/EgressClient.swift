import Logging
import Synchronization

/// Performs outbound HTTP requests for connectors with libcurl, on one dedicated
/// I/O thread: connection reuse, TLS, timeouts, `Retry-After` up to a cap, a
/// per-host connection cap, and one redacted log line per request.
///
/// Create one per host process and call `shutdown()` before exit.
public final class EgressClient: Sendable {
    /// The limits every request runs under.
    public let configuration: EgressConfiguration
    private let mailbox: EgressMailbox
    private let thread: EgressThread
    private let nextTicket = Atomic<UInt64>(1)
    private let joined = Mutex(false)

    /// Starts the egress thread. `logger` receives one line per finished request.
    public init(configuration: EgressConfiguration = .default, logger: Logger) {
        self.configuration = configuration
        let multi = MultiHandle.make(maxConnectionsPerHost: configuration.maxConnectionsPerHost)
        let mailbox = EgressMailbox(multi: multi)
        self.mailbox = mailbox
        // The driver is created on its own thread and never leaves it.
        self.thread = EgressThread.spawn {
            EgressDriver(multi: multi, mailbox: mailbox, configuration: configuration, logger: logger).run()
        }
    }

    deinit {
        shutdown()
    }

    /// Starts `request` and returns at once. `completion` runs exactly once, on the
    /// egress thread (or on the calling thread if the client is already shut down);
    /// it must return quickly and never block. Refused requests complete the same way.
    @discardableResult
    public func start(
        _ request: EgressRequest, completion: @escaping @Sendable (Result<EgressResponse, EgressError>) -> Void
    ) -> EgressTicket {
        let ticket = EgressTicket(id: nextTicket.add(1, ordering: .relaxed).oldValue)
        if !mailbox.post(.start(ticket, request, completion: completion)) {
            completion(.failure(.cancelled))
        }
        return ticket
    }

    /// Stops the request: it completes with `.cancelled` unless it has already completed.
    public func cancel(_ ticket: EgressTicket) {
        _ = mailbox.post(.cancel(ticket))
    }

    /// Performs `request` and returns its response, whatever the status.
    /// Cancelling the calling task cancels the transfer (`.cancelled`).
    public func send(_ request: EgressRequest) async throws(EgressError) -> EgressResponse {
        let started = StartedTicket()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<EgressResponse, EgressError>, Never>) in
                let ticket = start(request) { continuation.resume(returning: $0) }
                if started.record(ticket) { cancel(ticket) }
            }
        } onCancel: {
            if let ticket = started.markCancelled() { cancel(ticket) }
        }
        return try result.get()
    }

    /// Stops the egress thread: pending and running requests complete with
    /// `.cancelled`, later ones are cancelled at once. Blocks until the thread has
    /// finished (briefly: it only cancels); safe to call more than once, and from a completion.
    public func shutdown() {
        mailbox.requestShutdown()
        let shouldJoin = joined.withLock { joined in
            defer { joined = true }
            return !joined
        }
        guard shouldJoin else { return }
        // From a completion (the egress thread itself) joining would deadlock; the loop
        // ends by itself once the current completion returns.
        if thread.isCurrent { thread.detach() } else { thread.join() }
    }
}

/// Hands the ticket from `send`'s operation to its cancellation handler, which may
/// run first, concurrently, or not at all.
private final class StartedTicket: Sendable {
    private enum State {
        case waiting
        case started(EgressTicket)
        case cancelled
    }

    private let state = Mutex(State.waiting)

    /// Records the ticket; true when cancellation already happened, so the caller must cancel it.
    func record(_ ticket: EgressTicket) -> Bool {
        state.withLock { state in
            if case .cancelled = state { return true }
            state = .started(ticket)
            return false
        }
    }

    /// Marks the task cancelled; returns the ticket to cancel if the request has started.
    func markCancelled() -> EgressTicket? {
        state.withLock { state in
            defer { state = .cancelled }
            if case .started(let ticket) = state { return ticket }
            return nil
        }
    }
}
