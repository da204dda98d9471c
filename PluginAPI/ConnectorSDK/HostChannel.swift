import CConnectorABI

/// The host's function table together with the call a request belongs to.
///
/// `@unchecked Sendable`: the table is immutable and valid until `shutdown`
/// returns, and the ABI makes every host callback callable from any thread.
/// The handle is valid until the call completes; the SDK completes a call only
/// after the connector's method has returned.
struct HostChannel: @unchecked Sendable {
    let api: UnsafePointer<ucp_type_host_api>
    let call: OpaquePointer?

    func forCall(_ call: OpaquePointer?) -> HostChannel {
        HostChannel(api: api, call: call)
    }

    /// Whether the host's table is long enough to hold the field at `offset`.
    func offers(_ keyPath: KeyPath<ucp_type_host_api, some Any>) -> Bool {
        guard let offset = MemoryLayout<ucp_type_host_api>.offset(of: keyPath) else { return false }
        return Int(api.pointee.struct_size) > offset
    }
}

/// Borrows `bytes` as a `ucp_type_bytes` for the duration of `body`.
func withBytes<R>(_ bytes: [UInt8], _ body: (ucp_type_bytes) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes { raw in
        try body(ucp_type_bytes(data: raw.bindMemory(to: UInt8.self).baseAddress, length: raw.count))
    }
}

/// Copies a borrowed `ucp_type_bytes` into Swift memory.
func copyBytes(_ bytes: ucp_type_bytes) -> [UInt8] {
    guard let data = bytes.data, bytes.length > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: bytes.length))
}
