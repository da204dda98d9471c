import Egress
import Logging
import PluginRuntime
import Store
import TokenEncryption

/// Everything route handlers use, built once at start-up.
struct AppServices: Sendable {
    let configuration: HostConfiguration
    let registry: PluginRegistry
    let store: any HostStore
    let keyring: FernetKeyring
    let egress: EgressClient
    let metrics: HostMetrics
    let logger: Logger
    let settings: ConnectorSettingsService
    let calls: ConnectorCalls
    let audit: AuditTrail
}
