/// The request document of a call (see "Request document" in `connector_abi.h`).
public struct CallRequest<Input: Codable & Sendable>: Codable, Sendable {
    public var operation: Operation
    public var requestId: String
    public var tenantId: String
    public var connectionId: String?
    public var connector: ConnectorSettings
    public var connection: ConnectionContext?
    public var input: Input

    public init(
        operation: Operation,
        requestId: String,
        tenantId: String,
        connectionId: String? = nil,
        connector: ConnectorSettings,
        connection: ConnectionContext? = nil,
        input: Input
    ) {
        self.operation = operation
        self.requestId = requestId
        self.tenantId = tenantId
        self.connectionId = connectionId
        self.connector = connector
        self.connection = connection
        self.input = input
    }
}

/// Operator settings of a connector, secrets already decrypted.
public struct ConnectorSettings: Codable, Sendable, Equatable {
    public var config: [String: JSONValue]
    /// Base URLs by endpoint name, the manifest defaults with operator overrides applied.
    public var endpoints: [String: String]

    public init(config: [String: JSONValue] = [:], endpoints: [String: String] = [:]) {
        self.config = config
        self.endpoints = endpoints
    }
}

/// A connection's own settings and its decrypted credentials.
public struct ConnectionContext: Codable, Sendable, Equatable {
    public var config: [String: JSONValue]
    public var credentials: Credentials?

    public init(config: [String: JSONValue] = [:], credentials: Credentials? = nil) {
        self.config = config
        self.credentials = credentials
    }
}

/// An operation that takes no arguments.
public struct NoInput: Codable, Sendable, Equatable {
    public init() {}
}
