import Foundation
import Logging

/// Every setting of the host, read from the environment (and `.env`).
/// `.env.example` documents each variable; the names are the original service's.
public struct HostConfiguration: Sendable {
    public enum Environment: String, Sendable {
        case development, test, production
    }

    public var appName = "Unified Connector Host"
    public var appDescription = "One REST API to onboard, store and use connections to outside systems."
    public var appVersion = "1.0.0"
    public var environment = Environment.development
    public var apiPrefix = "/api"
    public var host = "127.0.0.1"
    public var port = 8000
    public var pluginsDirectory = "plugins"
    /// Follow the plugins folder with inotify (otherwise it is rescanned every few seconds).
    public var watchPluginsDirectory = true
    public var sqlitePath = "var/connector-host.sqlite"
    public var mongoURL: String?
    public var mongoDatabase = "connector_host"
    /// Comma-separated Fernet keys; the first encrypts, all decrypt.
    public var encryptionKey: String?
    public var logLevel = Logger.Level.info
    public var logJSON = false
    public var cors = CORSPolicy()
    public var pluginCallTimeout = Duration.seconds(30)
    public var httpTimeout = Duration.seconds(30)
    public var httpMaxAttempts = 3
    public var httpRetryAfterCap = Duration.seconds(30)
    /// `api_keys` (callers send `Authorization: Bearer <key>`) or `development` (no keys; logged loudly).
    public var authMode = AuthMode.apiKeys
    /// A bootstrap admin key; may act for any tenant and create tenant keys.
    public var adminAPIKey: String?
    /// How long an OAuth `state` (and its server-side PKCE verifier) stays usable.
    public var oauthStateLifetime = Duration.seconds(600)
    /// Access tokens expiring within this margin are refreshed before use.
    public var tokenRefreshMargin = Duration.seconds(120)
    /// The host's public URL, for webhook callbacks providers must reach (e.g. https://connectors.example.com).
    public var publicBaseURL: String?
    /// How long a host holds a sync job without renewing; another host resumes it after this.
    public var syncJobLease = Duration.seconds(60)
    /// Records asked for per sync page.
    public var syncPageSize = 100
    /// Waits between attempts to forward a webhook delivery to a tenant.
    public var webhookRetryBackoff: [Duration] = [.seconds(1), .seconds(5), .seconds(30), .seconds(120), .seconds(600)]

    public enum AuthMode: String, Sendable {
        case apiKeys = "api_keys"
        case development
    }

    public init() {}

    /// Reads `values` (environment over `.env`), refusing values that cannot be right.
    public init(values: [String: String]) throws(ConfigurationError) {
        func string(_ key: String) -> String? {
            guard let value = values[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
            guard let text = string(key) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw ConfigurationError(key: key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
            }
            return value
        }
        func boolean(_ key: String) throws(ConfigurationError) -> Bool? {
            guard let text = string(key)?.lowercased() else { return nil }
            switch text {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw ConfigurationError(key: key, "must be true or false, not \"\(text)\"")
            }
        }

        if let value = string("APP_NAME") { appName = value }
        if let value = string("APP_DESCRIPTION") { appDescription = value }
        if let value = string("APP_VERSION") { appVersion = value }
        if let value = string("APP_ENV") {
            guard let parsed = Environment(rawValue: value.lowercased()) else {
                throw ConfigurationError(key: "APP_ENV", "must be development, test or production, not \"\(value)\"")
            }
            environment = parsed
        }
        if let value = string("API_PREFIX") {
            guard value.hasPrefix("/"), !value.hasSuffix("/") else {
                throw ConfigurationError(key: "API_PREFIX", "must start with / and not end with /, like /api")
            }
            apiPrefix = value
        }
        if let value = string("HOST") { host = value }
        if let value = try integer("PORT", in: 0...65535) { port = value }
        if let value = string("PLUGINS_DIR") { pluginsDirectory = value }
        if let value = try boolean("PLUGINS_WATCH") { watchPluginsDirectory = value }
        if let value = string("SQLITE_PATH") { sqlitePath = value }
        mongoURL = string("MONGODB_URL")
        if let value = string("MONGODB_DB") { mongoDatabase = value }
        encryptionKey = string("ENCRYPTION_KEY")
        if let value = string("LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: value.lowercased()) ?? (value.uppercased() == "WARN" ? .warning : nil) else {
                throw ConfigurationError(key: "LOG_LEVEL", "must be one of TRACE, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL")
            }
            logLevel = level
        }
        if let value = try boolean("LOG_JSON") { logJSON = value }
        if let value = string("CORS_ALLOW_ORIGINS") { cors.allowOrigins = try Self.list("CORS_ALLOW_ORIGINS", value) }
        if let value = string("CORS_ALLOW_METHODS") { cors.allowMethods = try Self.list("CORS_ALLOW_METHODS", value) }
        if let value = string("CORS_ALLOW_HEADERS") { cors.allowHeaders = try Self.list("CORS_ALLOW_HEADERS", value) }
        if let value = try boolean("CORS_ALLOW_CREDENTIALS") { cors.allowCredentials = value }
        if let value = try integer("CORS_MAX_AGE", in: 0...86_400) { cors.maxAgeSeconds = value }
        if let value = try integer("PLUGIN_CALL_TIMEOUT_MS", in: 1...600_000) { pluginCallTimeout = .milliseconds(value) }
        if let value = try integer("HTTP_TIMEOUT_MS", in: 1...600_000) { httpTimeout = .milliseconds(value) }
        if let value = try integer("HTTP_MAX_ATTEMPTS", in: 1...10) { httpMaxAttempts = value }
        if let value = try integer("HTTP_RETRY_AFTER_CAP_MS", in: 0...600_000) { httpRetryAfterCap = .milliseconds(value) }
        if let value = string("AUTH_MODE") {
            guard let mode = AuthMode(rawValue: value.lowercased()) else {
                throw ConfigurationError(key: "AUTH_MODE", "must be api_keys or development, not \"\(value)\"")
            }
            authMode = mode
        }
        adminAPIKey = string("ADMIN_API_KEY")
        if let key = adminAPIKey, key.count < 24 {
            throw ConfigurationError(key: "ADMIN_API_KEY", "must be at least 24 characters (generate one with `openssl rand -hex 32`)")
        }
        if let value = try integer("OAUTH_STATE_TTL_SECONDS", in: 30...86_400) { oauthStateLifetime = .seconds(value) }
        if let value = try integer("TOKEN_REFRESH_MARGIN_SECONDS", in: 0...86_400) { tokenRefreshMargin = .seconds(value) }
        publicBaseURL = string("PUBLIC_BASE_URL")
        if let value = try integer("SYNC_JOB_LEASE_SECONDS", in: 1...3600) { syncJobLease = .seconds(value) }
        if let value = try integer("SYNC_PAGE_SIZE", in: 1...1000) { syncPageSize = value }
        if environment == .production && authMode == .development {
            throw ConfigurationError(key: "AUTH_MODE", "cannot be development when APP_ENV=production")
        }
    }

    /// A JSON array (`["a","b"]`, as the original service took) or a comma-separated list.
    static func list(_ key: String, _ value: String) throws(ConfigurationError) -> [String] {
        if value.hasPrefix("[") {
            guard let array = try? JSONDecoder().decode([String].self, from: Data(value.utf8)) else {
                throw ConfigurationError(key: key, "looks like a JSON array but is not one of strings")
            }
            return array
        }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A setting that cannot be used; names the variable.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let key: String
    public let problem: String

    public init(key: String, _ problem: String) {
        self.key = key
        self.problem = problem
    }

    public var description: String { "\(key) \(problem)" }
}
