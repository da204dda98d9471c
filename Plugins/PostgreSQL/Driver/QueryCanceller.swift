import CLibpq
import Synchronization

/// Asks the server to cancel whatever its session is running (`PQcancel`),
/// from any thread: libpq documents `PQcancel` with a `PGcancel` object as
/// thread-safe, unlike every other call on the connection.
final class QueryCanceller: Sendable {
    /// The `PGcancel`, guarded so a cancel never races with `invalidate`.
    private let handle: Mutex<UnsafeSendableHandle?>

    init(_ handle: OpaquePointer) {
        self.handle = Mutex(UnsafeSendableHandle(pointer: handle))
    }

    deinit {
        invalidate()
    }

    /// Sends the cancel request (a short-lived connection of its own). Best
    /// effort: when it fails the statement runs on until its statement timeout.
    func cancel() {
        handle.withLock { handle in
            guard let handle else { return }
            var message = [CChar](repeating: 0, count: 256)
            _ = PQcancel(handle.pointer, &message, Int32(message.count))
        }
    }

    /// Frees the `PGcancel`; later `cancel` calls do nothing.
    func invalidate() {
        handle.withLock { handle in
            if let pointer = handle?.pointer { PQfreeCancel(pointer) }
            handle = nil
        }
    }
}

/// A `PGcancel*`. `@unchecked Sendable`: it is only dereferenced by libpq
/// inside `QueryCanceller`'s lock, which serializes cancel and free.
struct UnsafeSendableHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
