import CConnectorABI
import ConnectorModel
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// `UnsafePointer<ucp_type_host_api>?`: the host table handed to the entry point.
public typealias HostTable = UnsafePointer<ucp_type_host_api>?
/// Where the entry point stores its registration.
public typealias RegistrationSlot = UnsafeMutablePointer<UnsafePointer<ucp_type_registration>?>?
/// Where the entry point writes why it refuses to load.
public typealias ErrorBuffer = UnsafeMutablePointer<CChar>?

/// Exports a `Connector` through the C entry point. A plugin's whole glue is:
///
/// ```swift
/// @_cdecl("ucp_plugin_register")
/// public func register(_ host: HostTable, _ slot: RegistrationSlot, _ error: ErrorBuffer, _ capacity: Int) -> Int32 {
///     PluginExport.register(MyConnector.self, host, slot, error, capacity)
/// }
/// ```
public enum PluginExport {
    /// The ABI version this SDK was written against.
    public static let abiVersion = (major: UInt16(UCP_ABI_VERSION_MAJOR), minor: UInt16(UCP_ABI_VERSION_MINOR))

    public static func register<C: Connector>(
        _ connector: C.Type,
        _ host: HostTable,
        _ slot: RegistrationSlot,
        _ errorBuffer: ErrorBuffer,
        _ capacity: Int
    ) -> Int32 {
        do {
            guard let host, let slot else { throw RegistrationError("the host passed no host table or registration slot") }
            let abi = try negotiate(host.pointee)
            let instance = try makeInstance(C.self, host: host, abi: abi)
            slot.pointee = UnsafePointer(instance.registration.pointer)
            return UCP_REGISTER_OK
        } catch {
            if let errorBuffer, capacity > 0 {
                let reason = Array("\(C.manifest.id): \(error)".utf8.prefix(capacity - 1))
                for (index, byte) in reason.enumerated() { errorBuffer[index] = CChar(bitPattern: byte) }
                errorBuffer[reason.count] = 0
            }
            return UCP_REGISTER_FAILED
        }
    }

    /// Picks the version to speak: our major, and the newer minor both sides know.
    static func negotiate(_ host: ucp_type_host_api) throws -> ucp_type_version {
        let hostRange = "\(host.abi_min.major).\(host.abi_min.minor) to \(host.abi_max.major).\(host.abi_max.minor)"
        let minor: UInt16
        if host.abi_max.major == abiVersion.major {
            minor = min(host.abi_max.minor, abiVersion.minor)
        } else if host.abi_max.major > abiVersion.major {
            minor = abiVersion.minor
        } else {
            throw RegistrationError("abi.major: host speaks \(hostRange), plugin speaks \(abiVersion.major).\(abiVersion.minor)")
        }
        guard (host.abi_min.major, host.abi_min.minor) <= (abiVersion.major, minor) else {
            throw RegistrationError("abi.major: host speaks \(hostRange), plugin speaks \(abiVersion.major).\(abiVersion.minor)")
        }
        guard Int(host.struct_size) >= MemoryLayout<ucp_type_host_api>.size else {
            throw RegistrationError(
                "host_api.struct_size: the host table has \(host.struct_size) bytes, ABI 1.0 needs \(MemoryLayout<ucp_type_host_api>.size)")
        }
        return ucp_type_version(major: abiVersion.major, minor: minor)
    }

    static func makeInstance<C: Connector>(_ type: C.Type, host: UnsafePointer<ucp_type_host_api>, abi: ucp_type_version) throws -> PluginInstance {
        let connector = C()
        let operations = OperationTable(for: connector)
        var manifest = C.manifest
        manifest.operations = operations.operations
        do { try ManifestRules.check(manifest) } catch { throw RegistrationError(error.description) }
        let registration = try RegistrationBlock(manifest: manifest, abi: abi)
        let instance = PluginInstance(
            host: HostChannel(api: host, call: nil), connector: connector, operations: operations, registration: registration)
        registration.attach(instance)
        return instance
    }
}

struct RegistrationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - The C hooks

let invokeHook: ucp_on_invoke = { plugin, call in
    guard let plugin, let call else { return }
    Unmanaged<PluginInstance>.fromOpaque(UnsafeRawPointer(plugin)).takeUnretainedValue().invoke(call.pointee)
}

let cancelHook: ucp_on_cancel = { plugin, handle in
    guard let plugin, let handle else { return }
    Unmanaged<PluginInstance>.fromOpaque(UnsafeRawPointer(plugin)).takeUnretainedValue().cancel(CallHandle(pointer: handle))
}

let shutdownHook: ucp_on_shutdown = { plugin in
    guard let plugin else { return }
    let instance = Unmanaged<PluginInstance>.fromOpaque(UnsafeRawPointer(plugin)).takeRetainedValue()
    // The ABI lets shutdown block: the host calls it on a thread of its own.
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await instance.connector.shutdown()
        done.signal()
    }
    done.wait()
    instance.registration.free()
}
