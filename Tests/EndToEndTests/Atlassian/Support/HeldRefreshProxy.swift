import ConnectorModel
import Hummingbird
import NIOCore
import StandIns
import Synchronization

/// Stands between the hosts and the Atlassian authorization server and
/// forwards everything, except that it holds Atlassian's answer to the first
/// refresh grant until the test releases it: the refresh token is rotated
/// at Atlassian, but the host that asked does not know the new one yet.
final class HeldRefreshProxy: Sendable {
    private let server: StandInServer
    private let state: State

    private init(server: StandInServer, state: State) {
        self.server = server
        self.state = state
    }

    /// The proxy for the authorization server at `upstreamPort`, for the time of `body`.
    static func with<Value>(upstreamPort: Int, _ body: (HeldRefreshProxy) async throws -> Value) async throws -> Value {
        let state = State()
        let server = try await StandInServer.start("held-refresh-proxy") { router in
            router.get("authorize") { request, _ in try await forward(request, to: upstreamPort, state: state) }
            router.post("oauth/token") { request, _ in try await forward(request, to: upstreamPort, state: state) }
        }
        let proxy = HeldRefreshProxy(server: server, state: state)
        do {
            let value = try await body(proxy)
            proxy.release()
            await server.stop()
            return value
        } catch {
            proxy.release()
            await server.stop()
            throw error
        }
    }

    /// What the hosts use as the `auth` endpoint.
    var url: String { server.baseURL }

    /// Refresh grants Atlassian has answered so far (the held one included).
    var refreshGrantsAnswered: Int { state.answered }

    /// Whether Atlassian's answer to the first refresh grant is being held.
    var isHolding: Bool { state.isHolding }

    /// Passes the held answer on.
    func release() { state.release() }

    private static func forward(_ request: Request, to port: Int, state: State) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let upstream = try await PlainHTTP.send(request.method, port: port, path: path, headers: request.headers, body: Array(body.readableBytesView))
        let isRefresh = (try? WireCoding.decode(JSONValue.self, from: Array(body.readableBytesView)))?["grant_type"] == "refresh_token"
        if isRefresh { await state.countRefreshAnswer() }
        var responseHeaders = upstream.headers
        responseHeaders[.contentLength] = nil
        responseHeaders[.transferEncoding] = nil
        return Response(status: upstream.status, headers: responseHeaders, body: .init(byteBuffer: upstream.body ?? ByteBuffer()))
    }

    private final class State: Sendable {
        private let value = Mutex<(answered: Int, holding: Bool, released: Bool, waiter: CheckedContinuation<Void, Never>?)>((0, false, false, nil))

        var answered: Int { value.withLock { $0.answered } }
        var isHolding: Bool { value.withLock { $0.holding } }

        /// Counts a refresh grant Atlassian answered; holds the first until `release`.
        func countRefreshAnswer() async {
            let first = value.withLock { state -> Bool in
                state.answered += 1
                return state.answered == 1 && !state.released
            }
            guard first else { return }
            await withCheckedContinuation { continuation in
                let releaseNow = value.withLock { state -> Bool in
                    if state.released { return true }
                    state.holding = true
                    state.waiter = continuation
                    return false
                }
                if releaseNow { continuation.resume() }
            }
        }

        func release() {
            let waiter = value.withLock { state -> CheckedContinuation<Void, Never>? in
                state.released = true
                state.holding = false
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
