import ConnectorModel
import HTTPTypes

/// One answer of the host's REST API, whichever client fetched it.
struct SalesforceReply: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: JSONValue

    /// `data` of a success envelope.
    var data: JSONValue { body["data"] ?? .null }
    /// `error.code` of a failure envelope.
    var errorCode: String? { body["error"]?["code"]?.stringValue }
    /// The body as JSON text, for messages and for looking for secrets.
    var text: String { String(decoding: (try? WireCoding.encode(body)) ?? [], as: UTF8.self) }
    /// Every header value, for looking for secrets.
    var headerText: String { headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") }
}
