import ConnectorModel
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Test switches for a product stand-in: the next request(s) answer with a
/// failure instead of being served. Install with `add(to:)` before the routes.
public final class StandInFaults: Sendable {
    public enum Fault: Sendable {
        /// 429 with `Retry-After` seconds and/or Jira's `X-RateLimit-Reset` instant.
        case rateLimited(retryAfter: Int?, reset: String? = nil)
        /// An error status (5xx, or a 4xx the connector cannot provoke itself) with Jira's error body.
        case status(Int)
        /// 200 with a body that is not the promised JSON.
        case garbage
        /// The normal answer, after a delay.
        case slow(Duration)
    }

    /// The body of a `.garbage` answer; spec checks recognise and skip it.
    public static let garbageBody = Array("{\"issues\": [{\"id\": \"10001\", \"ke".utf8)

    private let queue = Mutex<[Fault]>([])

    public init() {}

    /// Queues `fault` for the next request that reaches the routes.
    public func injectNext(_ fault: Fault) {
        queue.withLock { $0.append(fault) }
    }

    /// Adds the middleware that plays queued faults on requests whose path contains `pathPart`.
    public func add(to router: Router<BasicRequestContext>, onPathsContaining pathPart: String) {
        router.add(middleware: FaultMiddleware(faults: self, pathPart: pathPart))
    }

    fileprivate func next() -> Fault? {
        queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}

private struct FaultMiddleware: RouterMiddleware {
    let faults: StandInFaults
    let pathPart: String

    func handle(_ request: Request, context: BasicRequestContext, next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        guard request.uri.path.contains(pathPart) else { return try await next(request, context) }
        switch faults.next() {
        case nil:
            return try await next(request, context)
        case .rateLimited(let retryAfter, let reset)?:
            var headers = HTTPFields()
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
            if let reset { headers[HTTPField.Name("X-RateLimit-Reset")!] = reset }
            return try StandInResponses.json(["errorMessages": ["Rate limit exceeded."], "errors": .object([:])] as JSONValue, status: .tooManyRequests, headers: headers)
        case .status(let status)?:
            return try StandInResponses.json(["errorMessages": [.string("The request failed (\(status)).")], "errors": .object([:])] as JSONValue, status: .init(code: status))
        case .garbage?:
            return Response(status: .ok, headers: [.contentType: "application/json;charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(bytes: StandInFaults.garbageBody)))
        case .slow(let delay)?:
            try await Task.sleep(for: delay)
            return try await next(request, context)
        }
    }
}
