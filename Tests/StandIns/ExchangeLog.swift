import Hummingbird
import NIOCore
import Synchronization

/// Every request a stand-in answered and what it answered.
public final class ExchangeLog: Sendable {
    private let entries = Mutex<[Exchange]>([])

    public var all: [Exchange] { entries.withLock { $0 } }

    func append(_ exchange: Exchange) {
        entries.withLock { $0.append(exchange) }
    }

    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}

/// One request and its response, body included.
public final class Exchange: Sendable {
    public let method: String
    public let path: String
    public let query: String
    public let requestHeaders: [String: String]
    public let status: Int
    public let contentType: String?
    private let body = Mutex<[UInt8]>([])

    init(method: String, path: String, query: String, requestHeaders: [String: String], status: Int, contentType: String?) {
        self.method = method
        self.path = path
        self.query = query
        self.requestHeaders = requestHeaders
        self.status = status
        self.contentType = contentType
    }

    public var responseBody: [UInt8] { body.withLock { $0 } }

    func appendBody(_ buffer: ByteBuffer) {
        body.withLock { $0.append(contentsOf: buffer.readableBytesView) }
    }
}

/// Records each exchange; the response body is captured as it streams out.
struct RecordingMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: ExchangeLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let exchange = Exchange(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", requestHeaders: headers,
            status: response.status.code, contentType: response.headers[.contentType])
        log.append(exchange)
        response.body = response.body.map { buffer in
            exchange.appendBody(buffer)
            return buffer
        }
        return response
    }
}
