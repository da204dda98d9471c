import ConnectorSDK
import JiraConnector

@_cdecl("ucp_plugin_register")
public func register(_ host: HostTable, _ slot: RegistrationSlot, _ error: ErrorBuffer, _ capacity: Int) -> Int32 {
    PluginExport.register(JiraConnector.self, host, slot, error, capacity)
}
