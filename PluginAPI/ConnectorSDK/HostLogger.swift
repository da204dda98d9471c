import CConnectorABI
import ConnectorModel

/// Writes log lines through the host, which adds request id, tenant and
/// connector, masks secrets, and owns the sink.
public struct HostLogger: Sendable {
    public enum Level: Int32, Sendable {
        case trace = 0, debug, info, notice, warning, error
    }

    let channel: HostChannel

    public func log(_ level: Level, _ message: String, _ fields: [String: JSONValue] = [:]) {
        let fieldBytes: [UInt8] = fields.isEmpty ? [] : ((try? WireCoding.encode(fields)) ?? [])
        var message = message
        message.withUTF8 { text in
            withBytes(fieldBytes) { fieldsJSON in
                channel.api.pointee.log(
                    channel.api.pointee.host, channel.call, level.rawValue,
                    ucp_type_bytes(data: text.baseAddress, length: text.count), fieldsJSON)
            }
        }
    }

    public func debug(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: [String: JSONValue] = [:]) { log(.error, message, fields) }
}
