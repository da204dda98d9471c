import CConnectorABI

/// Turns a file into a `LoadedPlugin` or a refusal that names what differs.
/// Blocking (dlopen, the entry point): the registry runs it on its loader thread.
struct PluginLoader: Sendable {
    let privateDirectory: String
    let services: PluginHostServices

    func load(_ file: String) -> Result<LoadedPlugin, PluginRefusal> {
        let image: PluginImage
        do {
            image = try PluginImage.open(file, privateDirectory: privateDirectory)
        } catch {
            return .failure(error)
        }
        let bridge = HostBridge(services: services, file: file)
        var registration: UnsafePointer<ucp_type_registration>?
        var message = [CChar](repeating: 0, count: 1024)
        let status = image.entry(bridge.table, &registration, &message, message.count)
        guard status == UCP_REGISTER_OK else {
            bridge.release()
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(
                PluginRefusal(
                    .registration, field: "registration",
                    "the plugin refused to load: \(reason.isEmpty ? "no reason given (status \(status))" : reason)"))
        }
        guard let registration else {
            // Without a registration there is no shutdown hook to call, so the table must stay valid.
            return .failure(PluginRefusal(.registration, field: "registration", "the entry point succeeded but returned no registration"))
        }
        switch PluginRegistration.read(registration) {
        case .failure(let refused):
            // Without a shutdown call the plugin may still hold the table, so it is freed only after one.
            if let shutdown = refused.shutdown {
                shutdown()
                bridge.release()
            }
            return .failure(refused.refusal)
        case .success(let checked):
            bridge.identify(checked)
            return .success(LoadedPlugin(file: file, registration: checked, bridge: bridge))
        }
    }
}
