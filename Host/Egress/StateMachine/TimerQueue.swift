/// Instants at which a transfer's state machine wants `timerFired`, earliest first.
/// Entries are never removed early: a timer for a finished transfer, or one that
/// is no longer relevant, is simply ignored when it comes due.
struct TimerQueue {
    struct Entry {
        let instant: ContinuousClock.Instant
        let ticket: EgressTicket
    }

    private var heap: [Entry] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    /// When the earliest timer is due.
    var next: ContinuousClock.Instant? { heap.first?.instant }

    mutating func add(_ instant: ContinuousClock.Instant, for ticket: EgressTicket) {
        heap.append(Entry(instant: instant, ticket: ticket))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].instant < heap[parent].instant else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns every entry due at `now`, earliest first.
    mutating func popDue(now: ContinuousClock.Instant) -> [EgressTicket] {
        var due: [EgressTicket] = []
        while let first = heap.first, first.instant <= now { due.append(popFirst().ticket) }
        return due
    }

    mutating func removeAll() { heap.removeAll() }

    private mutating func popFirst() -> Entry {
        let first = heap[0]
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].instant < heap[smallest].instant { smallest = left }
            if right < heap.count && heap[right].instant < heap[smallest].instant { smallest = right }
            guard smallest != parent else { return first }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
