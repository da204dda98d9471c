import CConnectorABI
import ConnectorModel

/// The host's checked copy of a plugin's `ucp_type_registration`.
struct PluginRegistration: @unchecked Sendable {
    // @unchecked: `plugin` and the hooks are plugin-owned C pointers that the
    // ABI makes callable from any thread until `shutdown` returns.
    let abi: ucp_type_version
    let language: PluginLanguage
    let toolchain: String
    let staticRuntime: Bool
    let id: String
    let version: String
    let manifest: Manifest
    let plugin: OpaquePointer?
    let invoke: ucp_on_invoke
    let cancel: ucp_on_cancel?
    let shutdown: ucp_on_shutdown

    /// Reads and checks what the entry point returned. When the refusal comes
    /// after the ABI major matched, `shutdownOnRefusal` is the plugin's
    /// shutdown hook, which the host must still call.
    static func read(_ pointer: UnsafePointer<ucp_type_registration>) -> Result<PluginRegistration, RegistrationRefused> {
        let size = Int(pointer.pointee.struct_size)
        let raw = UnsafeRawPointer(pointer)
        guard size >= MemoryLayout<ucp_type_registration>.offset(of: \.language)! else {
            return .failure(RegistrationRefused(PluginRefusal(.compatibility, field: "registration.struct_size", "\(size) bytes is too small to hold an ABI version")))
        }
        let abi = raw.loadUnaligned(fromByteOffset: MemoryLayout<ucp_type_registration>.offset(of: \.abi)!, as: ucp_type_version.self)
        guard abi.major == HostABI.maximum.major else {
            return .failure(RegistrationRefused(PluginRefusal(.compatibility, field: "abi.major", "host speaks \(HostABI.rangeDescription), plugin speaks \(abi.major).\(abi.minor)")))
        }
        let registration = pointer.pointee
        let shutdownHook = registration.shutdown.map { hook in { hook(registration.plugin) } }
        func refuse(_ field: String, _ reason: String, _ stage: PluginRefusal.Stage = .compatibility) -> Result<PluginRegistration, RegistrationRefused> {
            .failure(RegistrationRefused(PluginRefusal(stage, field: field, reason), shutdown: shutdownHook))
        }
        guard abi.minor <= HostABI.maximum.minor else {
            return refuse("abi.minor", "host knows up to \(HostABI.maximum.major).\(HostABI.maximum.minor), plugin speaks \(abi.major).\(abi.minor); the plugin must answer with a version the host offers")
        }
        guard size >= MemoryLayout<ucp_type_registration>.size else {
            return refuse("registration.struct_size", "\(size) bytes, ABI \(abi.major).\(abi.minor) needs \(MemoryLayout<ucp_type_registration>.size)")
        }
        let language = PluginLanguage(registration.language)
        let toolchain = registration.toolchain.map { String(cString: $0) } ?? ""
        let staticRuntime = registration.build_flags & UCP_BUILD_STATIC_RUNTIME != 0
        if language == .swift && toolchain != HostABI.toolchain && !staticRuntime {
            return refuse("toolchain", "host runs \(HostABI.toolchain), plugin was built with \(toolchain.isEmpty ? "an unnamed compiler" : toolchain); rebuild it with the host's compiler or link it with -static-stdlib")
        }
        guard let invoke = registration.invoke else { return refuse("registration.invoke", "missing, and it is required") }
        guard let shutdown = registration.shutdown else { return refuse("registration.shutdown", "missing, and it is required") }
        guard let idPointer = registration.plugin_id, let versionPointer = registration.plugin_version else {
            return refuse("registration.plugin_id", "plugin_id and plugin_version are required")
        }
        let id = String(cString: idPointer)
        let version = String(cString: versionPointer)
        let manifest: Manifest
        do {
            let bytes = registration.manifest_json.data.map { Array(UnsafeBufferPointer(start: $0, count: registration.manifest_json.length)) } ?? []
            manifest = try WireCoding.decode(Manifest.self, from: bytes)
        } catch {
            return refuse("manifest", "not a valid manifest document: \(error)", .manifest)
        }
        do {
            try ManifestRules.check(manifest)
        } catch {
            return refuse(error.field, error.problem, .manifest)
        }
        guard manifest.id == id else { return refuse("plugin_id", "registration says \"\(id)\", manifest.id says \"\(manifest.id)\"", .manifest) }
        guard manifest.version == version else {
            return refuse("plugin_version", "registration says \"\(version)\", manifest.version says \"\(manifest.version)\"", .manifest)
        }
        return .success(
            PluginRegistration(
                abi: abi, language: language, toolchain: toolchain, staticRuntime: staticRuntime, id: id, version: version,
                manifest: manifest, plugin: registration.plugin, invoke: invoke, cancel: registration.cancel, shutdown: shutdown))
    }
}

/// A refused registration. When the ABI major matched, the plugin expects its
/// shutdown hook to be called even so; `shutdown` is that call.
///
/// `@unchecked Sendable` (an `Error` must be): `shutdown` holds the plugin's
/// own pointer, and the loader calls it once, on the thread that loaded it.
struct RegistrationRefused: Error, @unchecked Sendable {
    let refusal: PluginRefusal
    let shutdown: (() -> Void)?

    init(_ refusal: PluginRefusal, shutdown: (() -> Void)? = nil) {
        self.refusal = refusal
        self.shutdown = shutdown
    }
}

/// The language a plugin says it was written in.
public enum PluginLanguage: String, Sendable, Codable {
    case c, swift, rust, other

    init(_ code: Int32) {
        switch code {
        case UCP_LANGUAGE_C: self = .c
        case UCP_LANGUAGE_SWIFT: self = .swift
        case UCP_LANGUAGE_RUST: self = .rust
        default: self = .other
        }
    }
}
