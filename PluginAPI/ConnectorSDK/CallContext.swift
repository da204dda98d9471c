import CConnectorABI
import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything a connector method knows about the call it serves, and the host
/// services it may use while serving it. Valid until the method returns.
public struct CallContext: Sendable {
    public let operation: Operation
    /// The client's correlation id; the host adds it to every log line of this call.
    public let requestId: String
    public let tenantId: String
    public let connectionId: String?
    /// Operator settings, secrets decrypted, endpoint base URLs resolved.
    public let connector: ConnectorSettings
    /// The connection's settings and decrypted credentials, when the call has a connection.
    public let connection: ConnectionContext?
    public let log: HostLogger
    public let http: HostHTTP
    public let credentialsSaver: CredentialsSaver
    let channel: HostChannel

    init(operation: Operation, request: CallRequest<some Codable & Sendable>, channel: HostChannel) {
        self.operation = operation
        self.requestId = request.requestId
        self.tenantId = request.tenantId
        self.connectionId = request.connectionId
        self.connector = request.connector
        self.connection = request.connection
        self.channel = channel
        self.log = HostLogger(channel: channel)
        self.http = HostHTTP(channel: channel)
        self.credentialsSaver = CredentialsSaver(channel: channel)
    }

    /// The connection's credentials, if any.
    public var credentials: Credentials? { connection?.credentials }

    /// The host's clock (tests may drive it).
    public var now: Date {
        let nanoseconds = channel.api.pointee.clock_now(channel.api.pointee.host)
        return Date(timeIntervalSince1970: Double(nanoseconds) / 1_000_000_000)
    }

    /// A connector setting as a non-empty string.
    public func setting(_ key: String) -> String? {
        guard let value = connector.config[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }

    /// A connection setting as a non-empty string.
    public func connectionSetting(_ key: String) -> String? {
        guard let value = connection?.config[key]?.stringValue, !value.isEmpty else { return nil }
        return value
    }
}
