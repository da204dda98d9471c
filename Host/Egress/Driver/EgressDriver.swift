import CCurl
import HostLogging
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The I/O half of the client: owns the curl multi handle and every transfer, runs
/// on the egress thread only, and turns curl's events into state-machine events and
/// the machine's actions into curl calls. Nothing here is shared, so nothing is locked.
final class EgressDriver {
    /// One accepted request and everything the driver knows about it.
    final class Transfer {
        let ticket: EgressTicket
        let request: EgressRequest
        let prepared: PreparedRequest
        let completion: @Sendable (Result<EgressResponse, EgressError>) -> Void
        let startedAt: ContinuousClock.Instant
        var machine: TransferStateMachine
        /// The attempt curl is working on, if any.
        var attempt: CurlAttempt?

        init(
            ticket: EgressTicket, request: EgressRequest, prepared: PreparedRequest, machine: TransferStateMachine,
            startedAt: ContinuousClock.Instant, completion: @escaping @Sendable (Result<EgressResponse, EgressError>) -> Void
        ) {
            self.ticket = ticket
            self.request = request
            self.prepared = prepared
            self.machine = machine
            self.startedAt = startedAt
            self.completion = completion
        }
    }

    let multi: MultiHandle
    let mailbox: EgressMailbox
    let configuration: EgressConfiguration
    let logger: Logger
    private var transfers: [EgressTicket: Transfer] = [:]
    private var transfersByHandle: [UInt: Transfer] = [:]
    private var timers = TimerQueue()

    init(multi: MultiHandle, mailbox: EgressMailbox, configuration: EgressConfiguration, logger: Logger) {
        self.multi = multi
        self.mailbox = mailbox
        self.configuration = configuration
        self.logger = logger
    }

    /// The loop of the egress thread; returns after shutdown, once every transfer has completed.
    func run() {
        while true {
            let (commands, shuttingDown) = mailbox.take()
            for command in commands { handle(command, shuttingDown: shuttingDown) }
            if shuttingDown { break }
            fireDueTimers()
            var running: Int32 = 0
            let code = curl_multi_perform(multi.raw, &running)
            if code != CURLM_OK {
                logger.error("curl_multi_perform failed", metadata: ["egress.error": "\(String(cString: curl_multi_strerror(code)))"])
            }
            collectFinishedAttempts()
            // Sleeps until a socket is ready, curl's own timer is due (curl_multi_poll takes
            // the shorter of the two), one of our timers is due, or a command wakes us.
            _ = curl_multi_poll(multi.raw, nil, 0, Int32(pollTimeoutMilliseconds()), nil)
        }
        stop()
    }

    // MARK: - Commands

    private func handle(_ command: EgressCommand, shuttingDown: Bool) {
        switch command {
        case .start(let ticket, let request, let completion):
            if shuttingDown { return completeUnstarted(request, with: .cancelled, completion) }
            let now = ContinuousClock.now
            switch PreparedRequest.prepare(request, configuration: configuration) {
            case .failure(let error):
                completeUnstarted(request, with: error, completion)
            case .success(let prepared):
                let machine = TransferStateMachine(
                    now: now, timeout: prepared.timeout,
                    policy: .init(maxAttempts: configuration.maxAttempts, retryAfterCap: configuration.retryAfterCap))
                let transfer = Transfer(
                    ticket: ticket, request: request, prepared: prepared, machine: machine, startedAt: now,
                    completion: completion)
                transfers[ticket] = transfer
                apply(transfer.machine.start(now: now), to: transfer)
            }
        case .cancel(let ticket):
            guard let transfer = transfers[ticket] else { return }  // already completed
            apply(transfer.machine.cancel(), to: transfer)
        }
    }

    /// Completes a request that never reached the state machine (refused, or arrived during shutdown).
    private func completeUnstarted(
        _ request: EgressRequest, with error: EgressError,
        _ completion: @Sendable (Result<EgressResponse, EgressError>) -> Void
    ) {
        logFinished(
            request: request, url: SecretRedaction.redactURL(request.url), attempts: 0, startedAt: .now,
            result: .failure(error))
        completion(.failure(error))
    }

    // MARK: - curl and timer events

    private func fireDueTimers() {
        let now = ContinuousClock.now
        for ticket in timers.popDue(now: now) {
            guard let transfer = transfers[ticket] else { continue }  // finished meanwhile
            apply(transfer.machine.timerFired(now: now), to: transfer)
        }
    }

    private func collectFinishedAttempts() {
        // Collected first: removing handles while iterating curl's message queue would drop messages.
        var finished: [(easy: UnsafeMutableRawPointer, code: CURLcode)] = []
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi.raw, &left) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                finished.append((easy, message.pointee.data.result))
            }
        }
        for (easy, code) in finished {
            guard let transfer = transfersByHandle[UInt(bitPattern: easy)], let attempt = transfer.attempt else { continue }
            detachAttempt(of: transfer)
            let outcome: TransferStateMachine.AttemptOutcome
            if code == CURLE_OK {
                let response = EgressResponse(status: attempt.head.status, headers: attempt.head.headers, body: attempt.body)
                let retryAfter = response.header("retry-after").flatMap { RetryAfter.delay($0, now: Self.wallClockSeconds()) }
                outcome = .response(response, retryAfter: retryAfter)
            } else {
                outcome = .failure(
                    CurlResultMapping.error(
                        for: code, detail: attempt.errorDetail, bodyLimitHit: attempt.bodyLimitHit,
                        request: transfer.prepared, configuration: configuration))
            }
            apply(transfer.machine.attemptFinished(outcome, now: .now), to: transfer)
        }
    }

    // MARK: - Actions

    private func apply(_ action: TransferStateMachine.Action, to transfer: Transfer) {
        var action = action
        while true {
            switch action {
            case .none:
                return
            case .setTimer(let instant):
                timers.add(instant, for: transfer.ticket)
                return
            case .startAttempt(let number, let timeout):
                do {
                    try startAttempt(number, timeout: timeout, of: transfer)
                    return
                } catch {
                    action = transfer.machine.attemptFinished(.failure(error), now: .now)
                }
            case .complete(let result):
                finish(transfer, with: result)
                return
            case .abortAttemptAndComplete(let error):
                detachAttempt(of: transfer)
                finish(transfer, with: .failure(error))
                return
            }
        }
    }

    private func startAttempt(_ number: Int, timeout: Duration, of transfer: Transfer) throws(EgressError) {
        let attempt = try CurlAttempt(transfer.prepared, timeout: timeout, configuration: configuration)
        let code = curl_multi_add_handle(multi.raw, attempt.easy)
        guard code == CURLM_OK else {
            throw EgressError(kind: .failed, message: "curl refused the transfer: \(String(cString: curl_multi_strerror(code)))")
        }
        transfer.attempt = attempt
        transfersByHandle[attempt.key] = transfer
        // Backstop for the deadline; curl normally reports the timeout itself first.
        timers.add(transfer.machine.deadline, for: transfer.ticket)
        if number > 1 {
            logger.debug(
                "egress retry after Retry-After",
                metadata: ["egress.url": "\(transfer.prepared.redactedURL)", "egress.attempt": "\(number)"])
        }
    }

    /// Takes the attempt away from curl (aborting it if still running) and frees it.
    private func detachAttempt(of transfer: Transfer) {
        guard let attempt = transfer.attempt else { return }
        curl_multi_remove_handle(multi.raw, attempt.easy)
        transfersByHandle[attempt.key] = nil
        transfer.attempt = nil
    }

    private func finish(_ transfer: Transfer, with result: Result<EgressResponse, EgressError>) {
        transfers[transfer.ticket] = nil
        logFinished(
            request: transfer.request, url: transfer.prepared.redactedURL, attempts: transfer.machine.attempts,
            startedAt: transfer.startedAt, result: result)
        transfer.completion(result)
    }

    // MARK: - Shutdown

    private func stop() {
        for transfer in Array(transfers.values) { apply(transfer.machine.cancel(), to: transfer) }
        for command in mailbox.markStopped() {
            if case .start(_, let request, let completion) = command { completeUnstarted(request, with: .cancelled, completion) }
        }
        timers.removeAll()
        curl_multi_cleanup(multi.raw)
    }

    // MARK: - Time

    /// How long curl_multi_poll may sleep: until our next timer, at most one second
    /// (a safety net only; commands wake the thread at once).
    private func pollTimeoutMilliseconds() -> Int {
        guard let next = timers.next else { return 1000 }
        return min(1000, ContinuousClock.now.duration(to: next).wholeMilliseconds)
    }

    /// Seconds since 1970, for HTTP-date `Retry-After` values.
    static func wallClockSeconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now.tv_sec
    }
}
