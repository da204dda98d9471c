import Synchronization

/// Every answer a session received, headers and body, to look for secrets in.
final class SalesforceReplies: Sendable {
    private let texts = Mutex<[String]>([])

    func append(_ reply: SalesforceReply) {
        let text = reply.headerText + "\n" + reply.text
        texts.withLock { $0.append(text) }
    }

    var all: [String] { texts.withLock { $0 } }
}
