import Hummingbird
import NIOCore
import Synchronization

/// A failure the stand-in serves instead of the normal answer, for tests of error handling.
public enum SalesforceFault: Sendable {
    /// A REST error array: `[{"errorCode": ..., "message": ...}]` with `status`.
    case error(status: Int, errorCode: String, message: String)
    /// A body that is not JSON (an HTML maintenance page), with `status`.
    case garbage(status: Int)
    /// Waits, then answers normally.
    case slow(Duration)

    /// The daily API request limit, as Salesforce reports it (a 403, not a 429).
    public static let requestLimitExceeded = SalesforceFault.error(
        status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded.")
    public static let insufficientAccess = SalesforceFault.error(
        status: 403, errorCode: "INSUFFICIENT_ACCESS", message: "insufficient access rights on object id")
    public static let serverError = SalesforceFault.error(
        status: 500, errorCode: "UNKNOWN_EXCEPTION", message: "An unexpected error occurred. Please include this ErrorId if you contact support: 1234-5678 (-1)")
}

/// The queue of injected faults; each applies to the next request under its path prefix.
final class SalesforceFaultQueue: Sendable {
    private struct Entry {
        let fault: SalesforceFault
        let pathPrefix: String
        var remaining: Int
    }

    private let entries = Mutex<[Entry]>([])

    func add(_ fault: SalesforceFault, times: Int, pathPrefix: String) {
        entries.withLock { $0.append(Entry(fault: fault, pathPrefix: pathPrefix, remaining: times)) }
    }

    /// The fault for a request to `path`, consumed.
    func take(for path: String) -> SalesforceFault? {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { path.hasPrefix($0.pathPrefix) }) else { return nil }
            let fault = entries[index].fault
            entries[index].remaining -= 1
            if entries[index].remaining <= 0 { entries.remove(at: index) }
            return fault
        }
    }
}

/// Serves injected faults ahead of the routes (after the exchange is recorded).
struct SalesforceFaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let faults: SalesforceFaultQueue

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch faults.take(for: request.uri.path) {
        case .error(let status, let errorCode, let message):
            return try SalesforceWire.errors(status: status, errorCode: errorCode, message: message)
        case .garbage(let status):
            let page = "<html><body><h1>Service Unavailable</h1><p>Down for maintenance</p></body></html>"
            return Response(
                status: .init(code: status), headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: page)))
        case .slow(let delay):
            try await Task.sleep(for: delay)
            return try await next(request, context)
        case nil:
            return try await next(request, context)
        }
    }
}

/// Notes which host name each request was sent to (HTTP/1.1 `Host`, which the
/// exchange log does not keep), so tests can tell login-host calls from instance calls.
struct SalesforceHostRecorder<Context: RequestContext>: RouterMiddleware {
    let state: SalesforceStandInState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        state.received(host: request.head.authority ?? "", path: request.uri.path)
        return try await next(request, context)
    }
}
