import CConnectorABI
import ConnectorModel
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The host side of one plugin's function table: owns the
/// `ucp_type_host_api` handed to the plugin and answers its callbacks.
final class HostBridge: @unchecked Sendable {
    // @unchecked: `table` is written once in init and freed once, after the
    // plugin's shutdown returned; in between the plugin only reads it.
    let services: PluginHostServices
    /// Stable for the plugin's lifetime; freed after `shutdown` returns.
    let table: UnsafeMutablePointer<ucp_type_host_api>
    /// The file name until the registration names the connector.
    private let label: Mutex<(id: String, version: String)>
    /// The manifest's endpoints, for requests made outside any call.
    private let defaultEndpoints = Mutex<[String: String]>([:])

    init(services: PluginHostServices, file: String) {
        self.services = services
        self.label = Mutex((id: file.split(separator: "/").last.map(String.init) ?? file, version: ""))
        self.table = .allocate(capacity: 1)
        table.initialize(
            to: ucp_type_host_api(
                struct_size: UInt32(MemoryLayout<ucp_type_host_api>.size),
                abi_min: HostABI.minimum, abi_max: HostABI.maximum,
                host_toolchain: HostBridge.toolchainCString,
                host: OpaquePointer(Unmanaged.passUnretained(self).toOpaque()),
                complete: completeCallback, log: logCallback, http_send: httpSendCallback,
                credentials_updated: credentialsUpdatedCallback, clock_now: clockCallback))
    }

    /// Called once, after the plugin's `shutdown` returned.
    func release() {
        table.deinitialize(count: 1)
        table.deallocate()
    }

    func identify(_ registration: PluginRegistration) {
        label.withLock { $0 = (registration.id, registration.version) }
        defaultEndpoints.withLock { $0 = registration.manifest.endpoints }
    }

    /// Base URLs for "{endpoint}" templates: the call's (operator overrides
    /// applied) or, outside a call, the manifest defaults.
    func endpoints(for call: PluginCall?) -> [String: String] {
        call?.context.endpoints ?? defaultEndpoints.withLock { $0 }
    }

    var connectorId: String { label.withLock { $0.id } }

    static func from(_ host: OpaquePointer?) -> HostBridge {
        Unmanaged<HostBridge>.fromOpaque(UnsafeRawPointer(host!)).takeUnretainedValue()
    }

    /// Allocated once, never freed: every plugin's table points at it.
    nonisolated(unsafe) private static let toolchainCString: UnsafePointer<CChar> = {
        UnsafePointer(strdup(HostABI.toolchain)!)
    }()

    // MARK: Logging

    func log(level: Int32, message: String, fieldsJSON: [UInt8], call: PluginCall?) {
        let level = Logger.Level(abiLevel: level)
        guard level >= services.logger.logLevel else { return }
        var metadata: Logger.Metadata = [:]
        if !fieldsJSON.isEmpty, let fields = try? WireCoding.decode([String: JSONValue].self, from: fieldsJSON) {
            for (key, value) in fields { metadata[key] = .init(value) }
        }
        let (id, version) = label.withLock { $0 }
        metadata["connector"] = .string(id)
        if !version.isEmpty { metadata["pluginVersion"] = .string(version) }
        if let call {
            metadata["requestId"] = .string(call.context.requestId)
            metadata["tenantId"] = .string(call.context.tenantId)
            if let connection = call.context.connectionId { metadata["connectionId"] = .string(connection) }
        }
        services.logger.log(level: level, "\(message)", metadata: metadata)
    }
}

extension Logger.Level {
    init(abiLevel: Int32) {
        switch abiLevel {
        case UCP_LOG_TRACE: self = .trace
        case UCP_LOG_DEBUG: self = .debug
        case UCP_LOG_INFO: self = .info
        case UCP_LOG_NOTICE: self = .notice
        case UCP_LOG_WARNING: self = .warning
        default: self = .error
        }
    }
}

extension Logger.MetadataValue {
    init(_ value: JSONValue) {
        switch value {
        case .string(let string): self = .string(string)
        case .array(let values): self = .array(values.map(Logger.MetadataValue.init))
        case .object(let members): self = .dictionary(members.mapValues(Logger.MetadataValue.init))
        case .null: self = .string("null")
        case .bool(let bool): self = .stringConvertible(bool)
        case .number(let number): self = .stringConvertible(number)
        }
    }
}

/// Copies a borrowed `ucp_type_bytes` into Swift memory.
func copyBytes(_ bytes: ucp_type_bytes) -> [UInt8] {
    guard let data = bytes.data, bytes.length > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: bytes.length))
}

// MARK: - The C callbacks

private let completeCallback: ucp_callback_complete = { _, handle, status, response in
    guard let handle else { return }
    PluginCall.from(handle).pluginCompleted(status: status, response: copyBytes(response))
}

private let logCallback: ucp_callback_log = { host, handle, level, message, fields in
    let text = String(decoding: UnsafeRawBufferPointer(start: message.data, count: message.length), as: UTF8.self)
    HostBridge.from(host).log(level: level, message: text, fieldsJSON: copyBytes(fields), call: handle.map(PluginCall.from))
}

private let clockCallback: ucp_callback_clock_now = { host in
    HostBridge.from(host).services.clock()
}

private let httpSendCallback: ucp_callback_http_send = { host, handle, request, onResponse, userData in
    guard let onResponse else { return }
    let bridge = HostBridge.from(host)
    bridge.sendHTTP(request, call: handle.map(PluginCall.from), onResponse: onResponse, userData: userData)
}

private let credentialsUpdatedCallback: ucp_callback_credentials_updated = { host, handle, document, onSaved, userData in
    guard let onSaved else { return }
    HostBridge.from(host).saveCredentials(
        copyBytes(document), call: handle.map(PluginCall.from), onSaved: onSaved, userData: userData)
}
