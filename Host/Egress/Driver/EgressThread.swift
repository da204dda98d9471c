#if canImport(Glibc)
import Glibc
#endif

/// A dedicated POSIX thread, so the blocking `curl_multi_poll` never runs on the
/// Swift cooperative pool.
struct EgressThread: Sendable {
    private let handle: pthread_t

    /// Starts a thread that runs `body`. (Glibc's module map hides pthread_setname_np,
    /// so the thread keeps the process name.)
    static func spawn(_ body: @escaping @Sendable () -> Void) -> EgressThread {
        final class Box {
            let body: @Sendable () -> Void
            init(body: @escaping @Sendable () -> Void) {
                self.body = body
            }
        }
        let box = Unmanaged.passRetained(Box(body: body)).toOpaque()
        var handle = pthread_t()
        let code = pthread_create(
            &handle, nil,
            { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.body()
                return nil
            }, box)
        precondition(code == 0, "cannot start the egress thread (pthread_create: \(code))")
        return EgressThread(handle: handle)
    }

    /// True when called on this thread.
    var isCurrent: Bool { pthread_equal(pthread_self(), handle) != 0 }

    /// Waits for the thread to end.
    func join() { _ = pthread_join(handle, nil) }

    /// Lets the thread clean up after itself when nobody will join it.
    func detach() { _ = pthread_detach(handle) }
}
