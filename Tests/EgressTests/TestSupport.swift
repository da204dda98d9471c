import Egress
import Logging
import Synchronization
import Testing

/// A logger that drops everything.
let quietLogger = Logger(label: "egress-test") { _ in SwiftLogNoOpLogHandler() }

/// Runs `body` with a client that is shut down afterwards, whatever happens.
func withClient<T>(
    _ configuration: EgressConfiguration = .default, logger: Logger = quietLogger, _ body: (EgressClient) async throws -> T
) async rethrows -> T {
    let client = EgressClient(configuration: configuration, logger: logger)
    defer { client.shutdown() }
    return try await body(client)
}

/// `send`, with the error captured, for tests that expect a failure.
func outcome(of request: EgressRequest, on client: EgressClient) async -> Result<EgressResponse, EgressError> {
    do { return .success(try await client.send(request)) } catch { return .failure(error) }
}

extension Result where Failure == EgressError {
    /// The error kind, or nil for a response.
    var errorKind: EgressError.Kind? {
        if case .failure(let error) = self { return error.kind }
        return nil
    }
}

/// Waits (politely) until `condition` holds; records an issue if it never does.
/// Used to know the server has a request in hand, never to assert how fast anything is.
func eventually(_ what: Comment, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) async throws {
    for _ in 0..<2000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    Issue.record("never happened: \(what)", sourceLocation: sourceLocation)
}

/// Collects the results of `start` completions, which arrive on the egress thread.
final class Completions: Sendable {
    private let results = Mutex<[Result<EgressResponse, EgressError>]>([])

    var handler: @Sendable (Result<EgressResponse, EgressError>) -> Void {
        { result in self.results.withLock { $0.append(result) } }
    }

    var all: [Result<EgressResponse, EgressError>] { results.withLock { $0 } }
}

/// A log handler that keeps records exactly as they were handed over, without any
/// masking, to prove the client never passes secrets to a handler in the first place.
struct RawCapturingHandler: LogHandler {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]

        /// Message and every metadata key and value, as one string to search.
        var everything: String { ([message] + metadata.map { "\($0.key)=\($0.value)" }).joined(separator: " ") }
    }

    final class Store: Sendable {
        private let records = Mutex<[Record]>([])
        func append(_ record: Record) { records.withLock { $0.append(record) } }
        var all: [Record] { records.withLock { $0 } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        store.append(Record(level: event.level, message: event.message.description, metadata: merged.mapValues { "\($0)" }))
    }

    /// A logger at `level` writing into a fresh store.
    static func logger(level: Logger.Level = .trace) -> (Logger, Store) {
        let store = Store()
        var logger = Logger(label: "egress-raw") { _ in RawCapturingHandler(store: store) }
        logger.logLevel = level
        return (logger, store)
    }
}
