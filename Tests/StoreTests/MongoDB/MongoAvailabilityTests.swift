import Store
import Testing

@testable import StoreMongoDB

@Suite("MongoDB availability state machine")
struct MongoAvailabilityTests {
    let down = StoreError(.unavailable, "MongoDB cannot be reached: connection refused")

    @Test("indexes are ensured until an operation has done it")
    func indexesFirst() {
        var machine = MongoAvailability()
        #expect(machine.admit() == .run(ensureIndexes: true, probe: false))
        #expect(machine.admit() == .run(ensureIndexes: true, probe: false))
        machine.finished(.answered(indexesEnsured: false), probe: false)
        #expect(machine.admit() == .run(ensureIndexes: true, probe: false))
        machine.finished(.answered(indexesEnsured: true), probe: false)
        #expect(machine.admit() == .run(ensureIndexes: false, probe: false))
    }

    @Test("while unreachable one probe runs and the rest fail at once")
    func oneProbe() {
        var machine = MongoAvailability()
        machine.finished(.answered(indexesEnsured: true), probe: false)
        machine.finished(.unreachable(down), probe: false)
        #expect(machine.admit() == .run(ensureIndexes: true, probe: true))
        guard case .reject(let error) = machine.admit() else {
            Issue.record("a second operation ran during the probe")
            return
        }
        #expect(error.kind == .unavailable)
        #expect(error.message.contains("connection refused"))
        // An operation admitted before the outage fails late: the probe is still out.
        machine.finished(.unreachable(down), probe: false)
        #expect(machine.admit() != .run(ensureIndexes: true, probe: true))
        // The probe fails: the next operation probes again.
        machine.finished(.unreachable(down), probe: true)
        #expect(machine.admit() == .run(ensureIndexes: true, probe: true))
    }

    @Test("any answer from the server ends the outage; indexes are ensured again")
    func recovery() {
        var machine = MongoAvailability()
        machine.finished(.answered(indexesEnsured: true), probe: false)
        machine.finished(.unreachable(down), probe: false)
        #expect(machine.admit() == .run(ensureIndexes: true, probe: true))
        machine.finished(.answered(indexesEnsured: true), probe: true)
        #expect(machine.state == .reachable)
        #expect(machine.admit() == .run(ensureIndexes: false, probe: false))
    }

    @Test("an error the server reports (a duplicate key) is an answer, not an outage")
    func serverErrorsAreAnswers() {
        var machine = MongoAvailability()
        machine.finished(.unreachable(down), probe: false)
        _ = machine.admit()
        machine.finished(.answered(indexesEnsured: false), probe: true)
        #expect(machine.state == .reachable)
    }
}
