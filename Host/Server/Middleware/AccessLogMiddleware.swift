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
        // Read here, not from the context: inner middleware fills the context after this one ran.
        if let tag = request.headers[.apiTag].flatMap(RequestIdMiddleware.acceptable) { metadata["apiTag"] = .string(tag) }
        if let tenant = request.headers[.tenantId], TenantMiddleware.isValid(tenant) { metadata["tenantId"] = .string(tenant) }
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
