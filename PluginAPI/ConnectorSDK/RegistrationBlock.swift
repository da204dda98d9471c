import CConnectorABI
import ConnectorModel

#if canImport(Glibc)
import Glibc
#endif

/// The registration struct and the memory it points to, owned by the plugin
/// until `shutdown` (ABI: LIFETIME until `shutdown` returns).
final class RegistrationBlock: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<ucp_type_registration>
    private let strings = CStringArena()
    private let manifestBytes: UnsafeMutableBufferPointer<UInt8>

    init(manifest: Manifest, abi: ucp_type_version) throws {
        let json = try WireCoding.encode(manifest)
        manifestBytes = .allocate(capacity: json.count)
        _ = manifestBytes.initialize(from: json)
        pointer = .allocate(capacity: 1)
        pointer.initialize(
            to: ucp_type_registration(
                struct_size: UInt32(MemoryLayout<ucp_type_registration>.size),
                abi: abi,
                language: UCP_LANGUAGE_SWIFT,
                toolchain: strings.copy(Toolchain.current),
                build_flags: RuntimeLinkage.hasOwnSwiftRuntime ? UCP_BUILD_STATIC_RUNTIME : 0,
                plugin_id: strings.copy(manifest.id),
                plugin_version: strings.copy(manifest.version),
                manifest_json: ucp_type_bytes(data: manifestBytes.baseAddress, length: manifestBytes.count),
                plugin: nil, invoke: invokeHook, cancel: cancelHook, shutdown: shutdownHook))
    }

    /// Hands the host a retained reference to `instance`; `shutdown` releases it.
    func attach(_ instance: PluginInstance) {
        pointer.pointee.plugin = OpaquePointer(Unmanaged.passRetained(instance).toOpaque())
    }

    func free() {
        pointer.deallocate()
        manifestBytes.deallocate()
        strings.free()
    }
}
