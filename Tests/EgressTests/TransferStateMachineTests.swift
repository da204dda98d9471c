import Testing

@testable import Egress

/// The transfer lifecycle as plain data: no curl, no clock, no server.
@Suite struct TransferStateMachineTests {
    typealias Machine = TransferStateMachine
    let t0 = ContinuousClock.now
    let policy = Machine.Policy(maxAttempts: 3, retryAfterCap: .seconds(30))

    func machine(timeout: Duration = .seconds(60)) -> Machine { Machine(now: t0, timeout: timeout, policy: policy) }
    func response(_ status: Int) -> EgressResponse { EgressResponse(status: status, attempts: 0) }

    @Test func successOnFirstAttempt() {
        var machine = machine()
        #expect(machine.start(now: t0) == .startAttempt(attempt: 1, timeout: .seconds(60)))
        #expect(machine.state == .running(attempt: 1))
        let action = machine.attemptFinished(.response(response(200), retryAfter: nil), now: t0 + .seconds(1))
        #expect(action == .complete(.success(EgressResponse(status: 200, attempts: 1))))
        #expect(machine.state == .finished)
        #expect(machine.attempts == 1)
    }

    @Test func retryAfterWithinCapWaitsThenRetriesWithTheTimeLeft() {
        var machine = machine()
        _ = machine.start(now: t0)
        let answered = t0 + .seconds(1)
        #expect(machine.attemptFinished(.response(response(429), retryAfter: .seconds(2)), now: answered) == .setTimer(answered + .seconds(2)))
        #expect(machine.state == .waitingForRetry(attempt: 1, until: answered + .seconds(2)))
        #expect(machine.timerFired(now: answered + .seconds(1)) == .none, "too early: a stale or deadline timer")
        #expect(machine.timerFired(now: answered + .seconds(2)) == .startAttempt(attempt: 2, timeout: .seconds(57)))
        let done = machine.attemptFinished(.response(response(200), retryAfter: nil), now: t0 + .seconds(4))
        #expect(done == .complete(.success(EgressResponse(status: 200, attempts: 2))))
    }

    @Test(arguments: [429, 503])
    func retryAfterBeyondCapReturnsTheResponse(status: Int) {
        var machine = machine()
        _ = machine.start(now: t0)
        let action = machine.attemptFinished(.response(response(status), retryAfter: .seconds(31)), now: t0)
        #expect(action == .complete(.success(EgressResponse(status: status, attempts: 1))))
    }

    @Test func retryAfterPastTheDeadlineReturnsTheResponse() {
        var machine = machine(timeout: .seconds(5))
        _ = machine.start(now: t0)
        let action = machine.attemptFinished(.response(response(429), retryAfter: .seconds(5)), now: t0)
        #expect(action == .complete(.success(EgressResponse(status: 429, attempts: 1))))
    }

    @Test(arguments: [200, 302, 500, 502])
    func retryAfterOnOtherStatusesIsIgnored(status: Int) {
        var machine = machine()
        _ = machine.start(now: t0)
        let action = machine.attemptFinished(.response(response(status), retryAfter: .zero), now: t0)
        #expect(action == .complete(.success(EgressResponse(status: status, attempts: 1))))
    }

    @Test func noRetryAfterMeansNoRetry() {
        var machine = machine()
        _ = machine.start(now: t0)
        let action = machine.attemptFinished(.response(response(503), retryAfter: nil), now: t0)
        #expect(action == .complete(.success(EgressResponse(status: 503, attempts: 1))))
    }

    @Test func attemptsStopAtMaxAttempts() {
        var machine = machine()
        var now = t0
        _ = machine.start(now: now)
        for attempt in 1...2 {
            #expect(machine.attemptFinished(.response(response(429), retryAfter: .zero), now: now) == .setTimer(now))
            now += .milliseconds(10)
            #expect(machine.timerFired(now: now) == .startAttempt(attempt: attempt + 1, timeout: now.duration(to: t0 + .seconds(60))))
        }
        let last = machine.attemptFinished(.response(response(429), retryAfter: .zero), now: now)
        #expect(last == .complete(.success(EgressResponse(status: 429, attempts: 3))))
    }

    @Test func transportFailureIsNotRetried() {
        var machine = machine()
        _ = machine.start(now: t0)
        let error = EgressError(kind: .connectFailed, message: "refused")
        #expect(machine.attemptFinished(.failure(error), now: t0) == .complete(.failure(error)))
        #expect(machine.attempts == 1)
    }

    @Test func deadlineAbortsARunningAttempt() {
        var machine = machine(timeout: .seconds(5))
        _ = machine.start(now: t0)
        #expect(machine.timerFired(now: t0 + .seconds(4)) == .none)
        let action = machine.timerFired(now: t0 + .seconds(5))
        #expect(action == .abortAttemptAndComplete(EgressError(kind: .timeout, message: "no complete response within 5000 ms")))
        #expect(machine.attemptFinished(.response(response(200), retryAfter: nil), now: t0 + .seconds(5)) == .none, "late result ignored")
    }

    @Test func cancelInEveryState() {
        var pending = machine()
        #expect(pending.cancel() == .complete(.failure(.cancelled)))
        #expect(pending.state == .cancelled)
        #expect(pending.start(now: t0) == .none)

        var running = machine()
        _ = running.start(now: t0)
        #expect(running.cancel() == .abortAttemptAndComplete(.cancelled))

        var waiting = machine()
        _ = waiting.start(now: t0)
        _ = waiting.attemptFinished(.response(response(429), retryAfter: .seconds(1)), now: t0)
        #expect(waiting.cancel() == .complete(.failure(.cancelled)))
        #expect(waiting.timerFired(now: t0 + .seconds(1)) == .none)

        var finished = machine()
        _ = finished.start(now: t0)
        _ = finished.attemptFinished(.response(response(200), retryAfter: nil), now: t0)
        #expect(finished.cancel() == .none)
        #expect(finished.state == .finished)
    }

    @Test func startingAfterTheDeadlineTimesOut() {
        var machine = machine(timeout: .seconds(1))
        #expect(machine.start(now: t0 + .seconds(2)) == .complete(.failure(.timedOut(after: .seconds(1)))))
    }
}
