import CCurl
import Synchronization

/// What other threads ask of the egress thread.
enum EgressCommand: Sendable {
    case start(EgressTicket, EgressRequest, completion: @Sendable (Result<EgressResponse, EgressError>) -> Void)
    case cancel(EgressTicket)
}

/// The only state shared between callers and the egress thread: a queue of
/// commands, the driver's phase, and the multi handle used to wake the thread.
final class EgressMailbox: Sendable {
    enum Phase: Sendable {
        case running
        case shuttingDown
        case stopped
    }

    private struct State {
        var commands: [EgressCommand] = []
        var phase = Phase.running
    }

    private let state = Mutex(State())
    private let multi: MultiHandle

    init(multi: MultiHandle) {
        self.multi = multi
    }

    /// Queues `command` and wakes the egress thread; false once shutdown has begun.
    func post(_ command: EgressCommand) -> Bool {
        state.withLock { state in
            guard case .running = state.phase else { return false }
            state.commands.append(command)
            // Under the lock, so the driver cannot clean the multi handle up in between.
            curl_multi_wakeup(multi.raw)
            return true
        }
    }

    /// Asks the egress thread to cancel everything and stop. Idempotent.
    func requestShutdown() {
        state.withLock { state in
            guard case .running = state.phase else { return }
            state.phase = .shuttingDown
            curl_multi_wakeup(multi.raw)
        }
    }

    /// The commands queued since the last call, and whether shutdown was requested.
    func take() -> (commands: [EgressCommand], shuttingDown: Bool) {
        state.withLock { state in
            defer { state.commands.removeAll(keepingCapacity: true) }
            if case .running = state.phase { return (state.commands, false) }
            return (state.commands, true)
        }
    }

    /// Marks the driver stopped (no more wake-ups) and returns commands that slipped in.
    func markStopped() -> [EgressCommand] {
        state.withLock { state in
            state.phase = .stopped
            defer { state.commands.removeAll() }
            return state.commands
        }
    }
}

/// A `CURLM *` that crosses threads.
///
/// `@unchecked Sendable`: the egress thread is the only one that drives the handle;
/// other threads only call `curl_multi_wakeup`, which libcurl documents as safe from
/// any thread, and only through `EgressMailbox` while the driver is running.
struct MultiHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    /// A multi handle capped at `maxConnectionsPerHost` connections to any one host.
    static func make(maxConnectionsPerHost: Int) -> MultiHandle {
        guard CurlGlobal.ensureInitialised(), let raw = curl_multi_init() else {
            fatalError("libcurl could not be initialised (out of memory?)")
        }
        // Transfers beyond the cap wait inside curl for a free connection to that host
        // instead of opening more, so one slow provider cannot take every connection.
        _ = CurlVariadics.multiSetLong(raw, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        return MultiHandle(raw: raw)
    }
}
