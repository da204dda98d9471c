#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The call whose `invoke` the current thread is inside, so that a `complete`
/// from that same thread (the common quick case) can hand its answer over
/// without the call's lock. A thread-local, because only that thread may skip the lock.
enum InvokingThread {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left for the plugin runtime")
        return key
    }()

    /// Runs `body` (the plugin's `invoke`) marked as invoking `call`.
    static func run(_ call: PluginCall, _ body: () -> Void) {
        pthread_setspecific(key, UnsafeRawPointer(call.handle))
        body()
        // Cleared, not restored: invokes do not nest, and if one did the outer
        // answer would merely take the locked path.
        pthread_setspecific(key, nil)
    }

    /// True inside `call`'s `invoke` on the thread that invoked it.
    static func isInvoking(_ call: PluginCall) -> Bool {
        pthread_getspecific(key) == UnsafeMutableRawPointer(call.handle)
    }
}
