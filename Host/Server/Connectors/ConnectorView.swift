import ConnectorModel
import JSONSchema
import PluginRuntime
import Store

import struct Foundation.Date

/// A connector as clients see it: the manifest, the operator settings with
/// secrets masked, and which plugin build serves it.
struct ConnectorView: Encodable, Sendable {
    var id: String
    var displayName: String
    var version: String
    var description: String
    var enabled: Bool
    var authMethods: [AuthMethod]
    var operations: [Operation]
    var capabilities: JSONValue?
    var configSchema: JSONValue
    /// Settings, each secret one shown as "***".
    var config: [String: JSONValue]
    /// Base URLs in force: manifest defaults with operator overrides.
    var endpoints: [String: String]
    var settingsUpdatedAt: Date?
    var plugin: PluginView

    init(_ plugin: LoadedPlugin, settings: ConnectorSettingsRecord) {
        let manifest = plugin.manifest
        id = manifest.id
        displayName = manifest.displayName
        version = manifest.version
        description = manifest.description
        enabled = settings.enabled
        authMethods = manifest.authMethods
        operations = manifest.operations
        capabilities = manifest.capabilities
        configSchema = manifest.configSchema
        config = settings.config
        for name in settings.encryptedSecrets.keys { config[name] = "***" }
        endpoints = manifest.endpoints.merging(settings.endpoints) { _, override in override }
        settingsUpdatedAt = settings.updatedAt.timeIntervalSince1970 > 0 ? settings.updatedAt : nil
        self.plugin = PluginView(plugin)
    }
}

/// The build of a plugin that is serving.
struct PluginView: Encodable, Sendable {
    var id: String
    var version: String
    var file: String
    var language: PluginLanguage
    var toolchain: String
    var abi: String
    var loadedAt: Date
    var inFlightCalls: Int

    init(_ plugin: LoadedPlugin) {
        id = plugin.id
        version = plugin.version
        file = plugin.file
        language = plugin.language
        toolchain = plugin.toolchain
        abi = plugin.abiVersion
        loadedAt = plugin.loadedAt
        inFlightCalls = plugin.inFlightCalls
    }
}

/// A file the host refused, with the field that differs.
struct RefusedPluginView: Encodable, Sendable {
    var file: String
    var stage: String
    var field: String
    var reason: String
    var refusedAt: Date

    init(_ refused: RefusedPlugin) {
        file = refused.file
        stage = refused.refusal.stage.rawValue
        field = refused.refusal.field
        reason = refused.refusal.reason
        refusedAt = refused.refusedAt
    }
}
