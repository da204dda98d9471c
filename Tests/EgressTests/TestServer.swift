import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// What the test server saw, for assertions about behaviour the client cannot report.
final class ServerRecord: Sendable {
    private struct State {
        var counts: [String: Int] = [:]
        var peerPorts: Set<Int> = []
        var inFlight = 0
        var maxInFlight = 0
        var stopping = false
    }

    private let state = Mutex(State())

    /// Counts a hit on `key`; returns the new count.
    @discardableResult
    func hit(_ key: String) -> Int { state.withLock { $0.counts[key, default: 0] += 1; return $0.counts[key]! } }
    func count(_ key: String) -> Int { state.withLock { $0.counts[key, default: 0] } }
    func sawPeer(_ port: Int?) { if let port { state.withLock { _ = $0.peerPorts.insert(port) } } }
    /// Distinct client ports seen, i.e. TCP connections opened to the server.
    var connections: Int { state.withLock { $0.peerPorts.count } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    /// Set when the test is over, so sleeping handlers return and the server can stop gracefully.
    var stopping: Bool {
        get { state.withLock { $0.stopping } }
        set { state.withLock { $0.stopping = newValue } }
    }

    func enter() { state.withLock { $0.inFlight += 1; $0.maxInFlight = max($0.maxInFlight, $0.inFlight) } }
    func leave() { state.withLock { $0.inFlight -= 1 } }
}

/// Request context that remembers the client's port, so tests can count connections.
struct PeerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peerPort: Int?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerPort = source.channel.remoteAddress?.port
    }
}

/// A real Hummingbird HTTP/1.1 server on 127.0.0.1 and a port picked by the kernel.
struct TestServer: Sendable {
    let port: Int
    let record: ServerRecord

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Runs `body` against a fresh server, then stops the server gracefully: it stops
    /// accepting first, then lets open connections finish. (Cancelling the server task
    /// instead can drop a connection that is being accepted, which NIO treats as fatal.)
    static func run<T: Sendable>(_ body: @Sendable (TestServer) async throws -> T) async throws -> T {
        let record = ServerRecord()
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "egress-test-server")
        logger.logLevel = .critical
        let app = Application(
            router: makeRouter(record),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                await services.triggerGracefulShutdown()
                throw TestServerError.noPort
            }
            let result: Result<T, any Error>
            do { result = .success(try await body(TestServer(port: port, record: record))) } catch { result = .failure(error) }
            record.stopping = true
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
            return try result.get()
        }
    }

    enum TestServerError: Error { case noPort }

    private static func makeRouter(_ record: ServerRecord) -> Router<PeerContext> {
        let router = Router(context: PeerContext.self)
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head] {
            router.on("/echo", method: method) { request, context in
                record.sawPeer(context.peerPort)
                return try await echo(request)
            }
        }
        router.get("/peer") { _, context in
            record.sawPeer(context.peerPort)
            return "\(context.peerPort ?? 0)"
        }
        router.get("/sleep/:ms") { request, context in
            record.hit("sleep")
            let ms = try context.parameters.require("ms", as: Int.self)
            // In short steps, so the end of the test can release it.
            for _ in 0..<(ms / 20) where !record.stopping { try await Task.sleep(for: .milliseconds(20)) }
            return "slept"
        }
        router.get("/concurrency") { _, context in
            record.sawPeer(context.peerPort)
            record.enter()
            defer { record.leave() }
            try await Task.sleep(for: .milliseconds(50))
            return "ok"
        }
        // First call per `key` answers `status` with `Retry-After: after` ("dateN" = an
        // HTTP-date N seconds ahead, "none" = no header); later calls answer 200.
        // `always=1` answers that way every time.
        @Sendable func limited(_ request: Request, _: PeerContext) async throws -> Response {
            let query = request.uri.queryParameters
            let key = String(query["key"] ?? "")
            let calls = record.hit(key)
            guard calls == 1 || query["always"] == "1" else { return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
            var headers = HTTPFields()
            let after = String(query["after"] ?? "none")
            if after.hasPrefix("date") {
                headers[.retryAfter] = httpDate(secondsFromNow: Int(after.dropFirst(4)) ?? 0)
            } else if after != "none" {
                headers[.retryAfter] = after
            }
            let status = HTTPResponse.Status(code: Int(query["status"] ?? "429") ?? 429)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "slow down")))
        }
        router.on("/limited", method: .get, use: limited)
        router.on("/limited", method: .post, use: limited)
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/big", method: method) { request, _ in
                let bytes = Int(request.uri.queryParameters["bytes"] ?? "0") ?? 0
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: "x"), count: bytes)))
            }
        }
        // The same without Content-Length (chunked), so only the running count can catch it.
        router.get("/big-stream") { request, _ in
            let bytes = Int(request.uri.queryParameters["bytes"] ?? "0") ?? 0
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    var left = bytes
                    while left > 0 {
                        let chunk = min(left, 512)
                        try await writer.write(ByteBuffer(repeating: UInt8(ascii: "y"), count: chunk))
                        left -= chunk
                    }
                    try await writer.finish(nil)
                })
        }
        router.get("/redirect") { _, _ in
            Response(status: .found, headers: [.location: "/echo"])
        }
        return router
    }

    /// Echoes the body, and each request header as `x-echo-<name>`, plus a mixed-case header.
    private static func echo(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        var headers = HTTPFields()
        headers.append(HTTPField(name: HTTPField.Name("X-Echo-Method")!, value: request.method.rawValue))
        for field in request.headers {
            headers.append(HTTPField(name: HTTPField.Name("X-Echo-" + field.name.canonicalName)!, value: field.value))
        }
        headers.append(HTTPField(name: HTTPField.Name("X-Mixed-Case")!, value: "Value-Kept"))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// An IMF-fixdate, as servers send in `Retry-After`.
    static func httpDate(secondsFromNow: Int) -> String {
        var time = Glibc.time(nil) + secondsFromNow
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
