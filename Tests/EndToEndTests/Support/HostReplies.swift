import Synchronization

/// Every answer a test received, in order.
final class HostReplies: Sendable {
    private let replies = Mutex<[HostReply]>([])

    func append(_ reply: HostReply) {
        replies.withLock { $0.append(reply) }
    }

    var all: [HostReply] { replies.withLock { $0 } }
}
