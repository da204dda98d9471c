import HostTesting
import Logging
import ServiceLifecycle
import Synchronization
import TestKit

/// Serves a harness's application on the port its configuration names, as
/// `connector-host serve` does. HummingbirdTesting's `.live` always listens
/// on a port of its own choosing, which no `publicBaseURL` could name beforehand.
enum FixedPortHost {
    /// The port was taken between choosing and binding it; nothing ran.
    struct NotListening: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts the application, waits until it answers, runs `body`, then shuts
    /// the host down gracefully (its services stop as on SIGTERM) and waits for it.
    static func serve<Value: Sendable>(_ harness: HostHarness, _ body: (HostSocketClient) async throws -> Value) async throws -> Value {
        let rest = try HostSocketClient(port: harness.configuration.port)
        var logger = Logger(label: "e2e.atlassian.service-group")
        logger.logLevel = .warning
        let group = ServiceGroup(services: [harness.host.application], logger: logger)
        let ended = EndReason()
        let running = Task {
            do {
                try await group.run()
                ended.set("it stopped")
            } catch {
                ended.set(String(describing: error))
            }
        }
        do {
            try await eventually(timeout: .seconds(60), interval: .milliseconds(50), "the host to listen on \(rest.port)") {
                ended.reason != nil ? true : await rest.isListening()
            }
            if let reason = ended.reason { throw NotListening(description: "the host did not listen on \(rest.port): \(reason)") }
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            throw error
        }
        let value: Value
        do {
            value = try await body(rest)
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            throw error
        }
        await group.triggerGracefulShutdown()
        _ = await running.result
        return value
    }
}

/// Why the service group ended, once it has.
private final class EndReason: Sendable {
    private let value = Mutex<String?>(nil)

    func set(_ reason: String) { value.withLock { $0 = reason } }
    var reason: String? { value.withLock { $0 } }
}
