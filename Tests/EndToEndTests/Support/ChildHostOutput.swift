import Foundation
import Synchronization

/// What the child host wrote, as it arrives.
final class ChildHostOutput: Sendable {
    private let state = Mutex<(bytes: [UInt8], exited: Bool)>(([], false))

    func append(_ data: Data) { state.withLock { $0.bytes.append(contentsOf: data) } }
    func markExited() { state.withLock { $0.exited = true } }
    var exited: Bool { state.withLock { $0.exited } }
    var text: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }

    /// The port of Hummingbird's "Server started and listening on HOST:PORT".
    var listeningPort: Int? {
        let text = self.text
        guard let range = text.range(of: "started and listening on ") else { return nil }
        let address = text[range.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" }
        return address.split(separator: ":").last.flatMap { Int($0) }
    }
}
