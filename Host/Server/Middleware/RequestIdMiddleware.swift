import Hummingbird

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Gives every request a correlation id: the client's `X-Request-Id` or
/// `X-Correlation-Id` when it is a sane token, a new UUID otherwise; echoed in
/// the response and attached to every log line of the request.
struct RequestIdMiddleware: RouterMiddleware {
    typealias Context = HostRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let sent = request.headers[.requestId] ?? request.headers[.correlationId]
        let id = sent.flatMap(Self.acceptable) ?? UUID().uuidString.lowercased()
        context.requestId = id
        context.logger[metadataKey: "requestId"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestId] = id
        if request.headers[.correlationId] != nil { response.headers[.correlationId] = id }
        return response
    }

    /// Ids go into logs and headers: printable ASCII without spaces, at most 128 characters.
    static func acceptable(_ id: String) -> String? {
        guard (1...128).contains(id.utf8.count), id.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return id
    }
}
