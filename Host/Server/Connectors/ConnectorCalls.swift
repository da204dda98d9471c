import ConnectorModel
import HostLogging
import Logging
import PluginRuntime

/// The one way handlers call a connector: checks it exists, is enabled and
/// implements the operation; builds the request document; maps failures to
/// `APIError`; decodes the answer; records latency.
struct ConnectorCalls: Sendable {
    let registry: PluginRegistry
    let settings: ConnectorSettingsService
    let metrics: HostMetrics
    let timeout: Duration
    let logger: Logger

    /// What a call needs about the connection it acts on, secrets decrypted.
    struct ConnectionArguments: Sendable {
        var id: String
        var context: ConnectionContext
    }

    func plugin(_ connectorId: String) throws(APIError) -> LoadedPlugin {
        guard let plugin = registry.plugin(connectorId) else { throw APIError.notFound("connector", connectorId) }
        return plugin
    }

    func call<Input: Codable & Sendable, Output: Decodable>(
        _ connectorId: String,
        _ operation: Operation,
        input: Input,
        tenantId: String,
        requestId: String,
        connection: ConnectionArguments? = nil,
        as output: Output.Type
    ) async throws(APIError) -> Output {
        let plugin = try plugin(connectorId)
        guard plugin.manifest.implements(operation) else {
            throw APIError(
                .notImplemented, code: "operation_not_supported", "The \(connectorId) connector does not implement \(operation).",
                details: ["connector": .string(connectorId), "operation": .string(operation.rawValue)])
        }
        let settings = try await settings.resolved(for: plugin)
        guard settings.enabled else {
            throw APIError(.conflict, code: "connector_disabled", "The \(connectorId) connector is disabled by the operator.")
        }
        let secrets = settings.secretValues + (connection?.context.credentials?.secretValues ?? [])
        secrets.forEach(SecretRedaction.register)
        let document = CallRequest(
            operation: operation, requestId: requestId, tenantId: tenantId, connectionId: connection?.id,
            connector: settings.wire, connection: connection?.context, input: input)
        let request: [UInt8]
        do {
            request = try WireCoding.encode(document)
        } catch {
            throw APIError(.internalServerError, code: "internal_error", "The request document could not be encoded.")
        }
        let context = PluginCallContext(
            requestId: requestId, tenantId: tenantId, connectionId: connection?.id, endpoints: settings.wire.endpoints)
        let started = ContinuousClock.now
        let response: [UInt8]
        do {
            response = try await registry.invoke(connectorId, operation, request: request, context: context, timeout: timeout)
        } catch {
            metrics.recordPluginCall(connector: connectorId, operation: operation.rawValue, outcome: error.outcome, duration: .now - started)
            throw APIError(error)
        }
        metrics.recordPluginCall(connector: connectorId, operation: operation.rawValue, outcome: "ok", duration: .now - started)
        // Credentials a plugin obtains (code exchange, refresh) are stored encrypted and never
        // reach a client; they may legitimately repeat a secret (an unrotated refresh token).
        let masked = operation.returnsCredentials ? (bytes: response, masked: false) : ResponseMasking.mask(secrets, in: response)
        if masked.masked {
            logger.warning(
                "masked a secret the plugin returned in its answer",
                metadata: ["connector": .string(connectorId), "operation": .string(operation.rawValue), "requestId": .string(requestId)])
        }
        do {
            return try WireCoding.decode(Output.self, from: masked.bytes)
        } catch {
            throw APIError(
                .badGateway, code: "plugin_bad_response",
                "The \(connectorId) connector answered \(operation) with a document the host cannot read: \(error)",
                details: ["connector": .string(connectorId), "operation": .string(operation.rawValue)])
        }
    }
}

extension PluginCallError {
    /// The `outcome` label of the plugin latency metric.
    var outcome: String {
        switch self {
        case .unknownConnector: "unknown_connector"
        case .timedOut: "timeout"
        case .cancelled: "cancelled"
        case .failed(let document): document.code
        case .contractViolation: "contract_violation"
        }
    }
}

extension ConnectorModel.Operation {
    /// Operations whose answer is credentials for the host to store, not data for a client.
    var returnsCredentials: Bool { self == .exchangeOAuthCode || self == .refreshOAuthToken }
}

