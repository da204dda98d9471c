import ConnectorSDK
import ConfluenceConnector

@_cdecl("ucp_plugin_register")
public func register(_ host: HostTable, _ slot: RegistrationSlot, _ error: ErrorBuffer, _ capacity: Int) -> Int32 {
    PluginExport.register(ConfluenceConnector.self, host, slot, error, capacity)
}
