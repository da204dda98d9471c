import ConnectorModel
import JSONSchema
import PluginRuntime
import Store
import Synchronization
import TokenEncryption

import struct Foundation.Date

/// Operator settings per connector: enabled flag, settings validated against
/// the manifest's `configSchema` (secret ones encrypted at rest), and endpoint
/// base-URL overrides. Resolved settings are cached briefly because every
/// plugin call needs them.
final class ConnectorSettingsService: Sendable {
    private let store: any HostStore
    private let keyring: FernetKeyring
    private let cache = Mutex<[String: (settings: ResolvedConnectorSettings, until: ContinuousClock.Instant)]>([:])
    /// Other hosts sharing the store see a change within this long.
    static let cacheLifetime = Duration.seconds(5)

    init(store: any HostStore, keyring: FernetKeyring) {
        self.store = store
        self.keyring = keyring
    }

    /// The stored record, or the defaults (enabled, nothing set) when there is none.
    func record(for connectorId: String) async throws(StoreError) -> ConnectorSettingsRecord {
        try await store.connectorSettings(connectorId) ?? ConnectorSettingsRecord(connectorId: connectorId, updatedAt: Date(timeIntervalSince1970: 0))
    }

    /// Settings as a plugin receives them: secrets decrypted, endpoints resolved.
    func resolved(for plugin: LoadedPlugin) async throws(APIError) -> ResolvedConnectorSettings {
        if let cached = cache.withLock({ $0[plugin.id] }), cached.until > .now, cached.settings.manifestVersion == plugin.version {
            return cached.settings
        }
        let record: ConnectorSettingsRecord
        do {
            record = try await self.record(for: plugin.id)
        } catch {
            throw APIError(error)
        }
        var config = record.config
        for (name, token) in record.encryptedSecrets {
            guard let plain = try? keyring.decrypt(token) else {
                throw APIError(
                    .internalServerError, code: "secret_undecryptable",
                    "The stored secret setting \"\(name)\" of \(plugin.id) cannot be decrypted with the configured ENCRYPTION_KEY.")
            }
            config[name] = .string(String(decoding: plain, as: UTF8.self))
        }
        let settings = ResolvedConnectorSettings(
            enabled: record.enabled,
            wire: ConnectorSettings(config: config, endpoints: plugin.manifest.endpoints.merging(record.endpoints) { _, override in override }),
            secretValues: record.encryptedSecrets.keys.compactMap { config[$0]?.stringValue },
            manifestVersion: plugin.version)
        cache.withLock { $0[plugin.id] = (settings, .now + Self.cacheLifetime) }
        return settings
    }

    /// Applies a PATCH; returns the new record.
    func update(_ plugin: LoadedPlugin, with patch: ConnectorSettingsPatch) async throws(APIError) -> ConnectorSettingsRecord {
        var record: ConnectorSettingsRecord
        do {
            record = try await self.record(for: plugin.id)
        } catch {
            throw APIError(error)
        }
        if let enabled = patch.enabled { record.enabled = enabled }
        if let endpoints = patch.endpoints { try apply(endpoints, to: &record, manifest: plugin.manifest) }
        if let config = patch.config { try apply(config, to: &record, manifest: plugin.manifest) }
        record.updatedAt = Date()
        do {
            try await store.saveConnectorSettings(record)
        } catch {
            throw APIError(error)
        }
        cache.withLock { _ = $0.removeValue(forKey: plugin.id) }
        return record
    }

    private func apply(_ endpoints: [String: String?], to record: inout ConnectorSettingsRecord, manifest: Manifest) throws(APIError) {
        for (name, url) in endpoints {
            guard manifest.endpoints[name] != nil else {
                throw APIError.invalidRequest(
                    "\(manifest.id) has no endpoint \"\(name)\"; it has: \(manifest.endpoints.keys.sorted().joined(separator: ", ")).",
                    details: ["field": .string("endpoints.\(name)")])
            }
            guard let url else {
                record.endpoints[name] = nil
                continue
            }
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.count > 8, !url.contains(" ") else {
                throw APIError.invalidRequest("endpoints.\(name) must be an http(s) URL.", details: ["field": .string("endpoints.\(name)")])
            }
            record.endpoints[name] = url
        }
    }

    /// Merges `changes` (null removes a setting), validates the result against
    /// the manifest schema and moves secret settings into encrypted storage.
    private func apply(_ changes: [String: JSONValue], to record: inout ConnectorSettingsRecord, manifest: Manifest) throws(APIError) {
        let secretNames = JSONSchemaValidator.secretPropertyNames(of: manifest.configSchema)
        var merged = record.config
        for (name, token) in record.encryptedSecrets {
            merged[name] = .string((try? keyring.decrypt(token)).map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
        for (name, value) in changes {
            merged[name] = value.isNull ? nil : value
        }
        let issues = JSONSchemaValidator(document: manifest.configSchema).validate(.object(merged))
        guard issues.isEmpty else {
            throw APIError(
                .unprocessableContent, code: "invalid_config",
                "The settings do not match \(manifest.id)'s configSchema: \(issues.prefix(5).map(\.description).joined(separator: "; "))",
                details: ["issues": .array(issues.prefix(20).map { ["path": .string($0.instancePath), "message": .string($0.message)] })])
        }
        record.config = merged.filter { !secretNames.contains($0.key) }
        record.encryptedSecrets = [:]
        for name in secretNames {
            guard let value = merged[name]?.stringValue, !value.isEmpty else { continue }
            record.encryptedSecrets[name] = keyring.encrypt(Array(value.utf8))
        }
    }
}

/// Settings as the plugin sees them, with what the host needs to redact them.
struct ResolvedConnectorSettings: Sendable {
    var enabled: Bool
    var wire: ConnectorSettings
    var secretValues: [String]
    var manifestVersion: String
}

/// `PATCH /api/connectors/{id}` body; every member optional.
struct ConnectorSettingsPatch: Decodable, Sendable {
    var enabled: Bool?
    /// Settings to set; `null` removes one.
    var config: [String: JSONValue]?
    /// Endpoint base URLs to override; `null` restores the manifest default.
    var endpoints: [String: String?]?
}
