import Testing

@testable import PostgreSQLConnector

/// The pool's decisions as plain data: no threads, no server, no clock.
@Suite struct PoolStateMachineTests {
    let start = ContinuousClock.now

    @Test func opensOnDemandUpToCapacityThenQueues() {
        var pool = PoolStateMachine(capacity: 2, idleTimeout: .seconds(60))
        #expect(pool.leaseRequested(1) == [.open(0)])
        #expect(pool.leaseRequested(2) == [.open(1)])
        #expect(pool.leaseRequested(3) == [])
        #expect(pool.opened(0, now: start) == [.lease(0, to: 1)])
        #expect(pool.opened(1, now: start) == [.lease(1, to: 2)])
        #expect(pool.released(0, reusable: true, now: start) == [.lease(0, to: 3)])
        #expect(pool.sessionCount == 2)
    }

    @Test func reusesTheMostRecentlyReleasedIdleSession() {
        var pool = PoolStateMachine(capacity: 2, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.leaseRequested(2)
        _ = pool.opened(0, now: start)
        _ = pool.opened(1, now: start)
        _ = pool.released(0, reusable: true, now: start)
        _ = pool.released(1, reusable: true, now: start + .seconds(1))
        #expect(pool.leaseRequested(3) == [.lease(1, to: 3)])
    }

    @Test func aBrokenSessionIsClosedAndReplacedForWaiters() {
        var pool = PoolStateMachine(capacity: 1, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.opened(0, now: start)
        #expect(pool.leaseRequested(2) == [])
        #expect(pool.released(0, reusable: false, now: start) == [.close(0), .open(1)])
        #expect(pool.opened(1, now: start) == [.lease(1, to: 2)])
    }

    @Test func aFailedOpenFailsTheLongestWaiterAndRetriesForTheRest() {
        var pool = PoolStateMachine(capacity: 1, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.leaseRequested(2)
        #expect(pool.openFailed(0) == [.fail(1, .connectFailed), .open(1)])
        #expect(pool.openFailed(1) == [.fail(2, .connectFailed)])
        #expect(pool.sessionCount == 0)
    }

    @Test func idleSessionsAreClosedAfterTheTimeoutOnly() {
        var pool = PoolStateMachine(capacity: 2, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.opened(0, now: start)
        _ = pool.released(0, reusable: true, now: start)
        #expect(pool.tick(now: start + .seconds(59)) == [])
        #expect(pool.tick(now: start + .seconds(60)) == [.close(0)])
        #expect(pool.sessionCount == 0)
    }

    @Test func cancellingAWaiterRemovesItOnce() {
        var pool = PoolStateMachine(capacity: 1, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.leaseRequested(2)
        #expect(pool.leaseCancelled(2) == [.fail(2, .cancelled)])
        #expect(pool.leaseCancelled(2) == [])
        #expect(pool.opened(0, now: start) == [.lease(0, to: 1)])
    }

    @Test func shutdownClosesIdleSessionsAndSessionsThatOpenLater() {
        var pool = PoolStateMachine(capacity: 2, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.leaseRequested(2)
        #expect(pool.opened(0, now: start) == [.lease(0, to: 1)])
        #expect(pool.released(0, reusable: true, now: start) == [.lease(0, to: 2)])
        #expect(pool.released(0, reusable: true, now: start) == [])
        #expect(pool.shutdown() == [.close(0)])
        #expect(pool.opened(1, now: start) == [.close(1)])
        #expect(pool.leaseRequested(3) == [.fail(3, .shutDown)])
        #expect(pool.sessionCount == 0)
    }

    @Test func shutdownFailsWaitersAndClosesLeasedSessionsOnRelease() {
        var pool = PoolStateMachine(capacity: 1, idleTimeout: .seconds(60))
        _ = pool.leaseRequested(1)
        _ = pool.opened(0, now: start)
        _ = pool.leaseRequested(2)
        #expect(pool.shutdown() == [.fail(2, .shutDown)])
        #expect(pool.released(0, reusable: true, now: start) == [.close(0)])
        #expect(pool.sessionCount == 0)
    }
}
