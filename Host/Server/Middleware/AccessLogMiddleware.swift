import Hummingbird
import Logging

/// Writes the completion line of every request (method, route, status,
/// duration, tenant, `X-Api-Tag`) and counts it in the metrics.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = HostRequestContext
    let metrics: HostMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath.flatMap { $0 == ErrorEnvelopeMiddleware.routerNotFound ? nil : $0 } ?? "unmatched"
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "durationMs": .stringConvertible(elapsed.milliseconds),
        ]
        if let tag = context.apiTag { metadata["apiTag"] = .string(tag) }
        context.logger.info("request completed", metadata: metadata)
        metrics.recordRequest(route: route, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        return response
    }
}

extension Duration {
    /// Milliseconds with microsecond precision, for log lines.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds / 1_000_000_000_000) / 1000
    }
}
