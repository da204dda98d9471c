import ConnectorModel
import HTTPTypes

/// One answer of the host's REST API.
struct HostReply: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: JSONValue
    /// The body as it arrived.
    var bytes: [UInt8]

    /// `data` of a success envelope.
    var data: JSONValue { body["data"] ?? .null }
    /// `error.code` of a failure envelope.
    var errorCode: String? { body["error"]?["code"]?.stringValue }
    /// The body as text, for messages and for looking for secrets.
    var text: String { String(decoding: bytes, as: UTF8.self) }
    /// Headers and body, for looking for secrets.
    var everything: String { headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n" + text }
}
