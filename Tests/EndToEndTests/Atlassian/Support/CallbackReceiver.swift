import ConnectorModel
import Hummingbird
import StandIns
import Synchronization

/// The tenant's webhook endpoint: records every delivery the host forwards
/// (headers and body) and answers 500 to the first `failures` of them.
final class CallbackReceiver: Sendable {
    /// One request as it arrived.
    struct Received: Sendable {
        /// Header names in lower case.
        var headers: [String: String]
        var body: [UInt8]
        /// What the receiver answered.
        var status: Int

        var json: JSONValue? { try? WireCoding.decode(JSONValue.self, from: body) }
    }

    private let server: StandInServer
    private let state: State

    private init(server: StandInServer, state: State) {
        self.server = server
        self.state = state
    }

    static func start(failures: Int = 0) async throws -> CallbackReceiver {
        let state = State(failures: failures)
        let server = try await StandInServer.start("tenant-callback") { router in
            router.post("hooks") { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
                let status = state.record(headers: headers, body: Array(body.readableBytesView))
                return Response(status: .init(code: status))
            }
        }
        return CallbackReceiver(server: server, state: state)
    }

    /// A receiver for the time of `body`.
    static func with<Value>(failures: Int = 0, _ body: (CallbackReceiver) async throws -> Value) async throws -> Value {
        let receiver = try await start(failures: failures)
        do {
            let value = try await body(receiver)
            await receiver.stop()
            return value
        } catch {
            await receiver.stop()
            throw error
        }
    }

    /// Where the host forwards deliveries.
    var url: String { server.baseURL + "/hooks" }

    var received: [Received] { state.all }

    func stop() async {
        await server.stop()
    }

    private final class State: Sendable {
        private let requests = Mutex<(failures: Int, received: [Received])>((0, []))

        init(failures: Int) {
            requests.withLock { $0.failures = failures }
        }

        func record(headers: [String: String], body: [UInt8]) -> Int {
            requests.withLock { state in
                let status = state.failures > 0 ? 500 : 200
                if state.failures > 0 { state.failures -= 1 }
                state.received.append(Received(headers: headers, body: body, status: status))
                return status
            }
        }

        var all: [Received] { requests.withLock { $0.received } }
    }
}
