import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A local stand-in for an upstream service (Jira, Confluence, an OAuth
/// server, Salesforce) on 127.0.0.1 and a free port. Every exchange is
/// recorded so tests can check each response against the vendor's schema.
public final class StandInServer: Sendable {
    public let name: String
    public let port: Int
    public let exchanges: ExchangeLog
    private let services: ServiceGroup
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:PORT`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(name: String, port: Int, exchanges: ExchangeLog, services: ServiceGroup, task: Task<Void, any Error>) {
        self.name = name
        self.port = port
        self.exchanges = exchanges
        self.services = services
        self.task = task
    }

    /// Starts a server whose routes `configure` adds; returns once it listens.
    public static func start(_ name: String, configure: (Router<BasicRequestContext>) -> Void) async throws -> StandInServer {
        let exchanges = ExchangeLog()
        let router = Router()
        router.add(middleware: RecordingMiddleware(log: exchanges))
        configure(router)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "stand-in.\(name)")
        logger.logLevel = .warning
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: name),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        // A service group, so stopping is a graceful shutdown: cancelling a server
        // while it accepts a connection logs errors and can trap in NIO.
        let services = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await services.triggerGracefulShutdown()
            throw StandInError("the \(name) stand-in did not start")
        }
        return StandInServer(name: name, port: port, exchanges: exchanges, services: services, task: task)
    }

    /// Stops listening, lets open requests finish, and waits for the server to end.
    public func stop() async {
        await services.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

public struct StandInError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
