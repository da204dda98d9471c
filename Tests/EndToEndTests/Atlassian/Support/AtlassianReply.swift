import ConnectorModel
import HTTPTypes
import Synchronization

/// One answer of the host's REST API.
struct AtlassianReply: Sendable {
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

/// Every answer a test received, in order.
final class AtlassianReplies: Sendable {
    private let replies = Mutex<[AtlassianReply]>([])

    func append(_ reply: AtlassianReply) {
        replies.withLock { $0.append(reply) }
    }

    var all: [AtlassianReply] { replies.withLock { $0 } }
}
