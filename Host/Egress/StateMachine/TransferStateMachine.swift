/// The lifecycle of one request as plain data: no curl, no clock, no threads.
/// The driver feeds it events and carries out the `Action` each one returns,
/// so every retry, timeout and cancellation rule can be tested without a network.
///
///     pending ─start→ running ─429/503 + Retry-After→ waitingForRetry ─timer→ running …
///                        └──────────────→ finished        cancel (any state) → cancelled
struct TransferStateMachine {
    typealias Instant = ContinuousClock.Instant

    enum State: Equatable {
        /// Accepted, not yet handed to curl.
        case pending
        /// Attempt number `attempt` is with curl.
        case running(attempt: Int)
        /// `attempt` attempts made; the server asked us to wait until `until`.
        case waitingForRetry(attempt: Int, until: Instant)
        /// Completed with a response or an error (cancellation excepted).
        case finished
        /// Completed with `.cancelled`.
        case cancelled
    }

    /// What the driver must do after an event.
    enum Action: Equatable {
        /// Hand attempt `attempt` to curl, allowing it `timeout` (the time left before the deadline).
        case startAttempt(attempt: Int, timeout: Duration)
        /// Call `timerFired` at `instant`: a retry is due then, or the deadline passes.
        case setTimer(Instant)
        /// Deliver `result`; the transfer is over.
        case complete(Result<EgressResponse, EgressError>)
        /// Take the running attempt away from curl, then deliver `error`.
        case abortAttemptAndComplete(EgressError)
        /// Nothing to do (a late or duplicate event).
        case none
    }

    /// How an attempt ended, as the driver saw it.
    enum AttemptOutcome {
        /// A response arrived; `retryAfter` is its parsed `Retry-After`, if any.
        case response(EgressResponse, retryAfter: Duration?)
        /// The transport failed.
        case failure(EgressError)
    }

    /// The retry rules, taken from `EgressConfiguration`.
    struct Policy: Equatable {
        var maxAttempts: Int
        var retryAfterCap: Duration
    }

    private(set) var state: State = .pending
    /// When the whole request, retries included, must be over.
    let deadline: Instant
    /// The request's total timeout, for the timeout message.
    let timeout: Duration
    let policy: Policy

    init(now: Instant, timeout: Duration, policy: Policy) {
        self.deadline = now + timeout
        self.timeout = timeout
        self.policy = policy
    }

    /// The request is picked up by the driver.
    mutating func start(now: Instant) -> Action {
        guard case .pending = state else { return .none }
        return beginAttempt(1, now: now)
    }

    /// curl finished the running attempt.
    mutating func attemptFinished(_ outcome: AttemptOutcome, now: Instant) -> Action {
        guard case .running(let attempt) = state else { return .none }
        switch outcome {
        case .failure(let error):
            state = .finished
            return .complete(.failure(error))
        case .response(var response, let retryAfter):
            response.attempts = attempt
            // Every request can be resent: the body bytes are kept, whatever the method.
            // The server said "try again later", so it did not act on this attempt.
            if response.status == 429 || response.status == 503, let wait = retryAfter, wait <= policy.retryAfterCap,
                attempt < policy.maxAttempts, now + wait < deadline
            {
                state = .waitingForRetry(attempt: attempt, until: now + wait)
                return .setTimer(now + wait)
            }
            state = .finished
            return .complete(.success(response))
        }
    }

    /// A timer set through `.setTimer` (or the deadline) is due. Stale timers are ignored.
    mutating func timerFired(now: Instant) -> Action {
        switch state {
        case .waitingForRetry(let attempt, let until) where now >= until:
            return beginAttempt(attempt + 1, now: now)
        case .running where now >= deadline:
            // curl enforces the same deadline with CURLOPT_TIMEOUT_MS; this catches a
            // transfer still queued inside curl behind the per-host connection cap.
            state = .finished
            return .abortAttemptAndComplete(.timedOut(after: timeout))
        default:
            return .none
        }
    }

    /// `EgressClient.cancel`, task cancellation or shutdown.
    mutating func cancel() -> Action {
        switch state {
        case .pending, .waitingForRetry:
            state = .cancelled
            return .complete(.failure(.cancelled))
        case .running:
            state = .cancelled
            return .abortAttemptAndComplete(.cancelled)
        case .finished, .cancelled:
            return .none
        }
    }

    /// Attempts made so far, for the log line.
    var attempts: Int {
        switch state {
        case .pending: 0
        case .running(let attempt), .waitingForRetry(let attempt, _): attempt
        case .finished, .cancelled: lastAttempt
        }
    }

    private var lastAttempt = 0

    private mutating func beginAttempt(_ attempt: Int, now: Instant) -> Action {
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else {
            state = .finished
            return .complete(.failure(.timedOut(after: timeout)))
        }
        state = .running(attempt: attempt)
        lastAttempt = attempt
        return .startAttempt(attempt: attempt, timeout: remaining)
    }
}
