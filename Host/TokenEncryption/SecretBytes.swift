import COpenSSL

/// A fixed number of secret bytes in one heap allocation, wiped when the last reference goes.
///
/// A `[UInt8]` would leave a copy behind at every copy-on-write and could not be wiped when
/// the last value disappears; a class owning raw memory keeps exactly one copy and cleanses it
/// in `deinit`.
///
/// `@unchecked Sendable`: the memory is written only inside `init` and is read-only afterwards,
/// so sharing one instance between threads is safe.
final class SecretBytes: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer

    /// Allocates `count` bytes and lets `initialize` fill them. If it throws, the memory is
    /// wiped and freed before the error propagates.
    init<E: Error>(
        count: Int, initializingWith initialize: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        do {
            try initialize(storage)
        } catch {
            LibCrypto.cleanse(storage)
            storage.deallocate()
            throw error
        }
        self.storage = storage
    }

    deinit {
        LibCrypto.cleanse(storage)
        storage.deallocate()
    }

    var count: Int { storage.count }

    /// Lends the bytes for the duration of `body` only.
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(storage))
    }
}

extension Array where Element == UInt8 {
    /// Overwrites every byte with zero in a way the optimiser may not remove, then empties the
    /// array. Only wipes this array's own storage: copies made earlier are not reached.
    mutating func wipe() {
        withUnsafeMutableBytes { LibCrypto.cleanse($0) }
        removeAll()
    }
}
