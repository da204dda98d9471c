import Hummingbird
import NIOCore

/// `GET /openapi.json`, the human docs page `GET /docs`, and `GET /metrics`.
struct DocsRoutes {
    let services: AppServices

    func register(on router: Router<HostRequestContext>) {
        router.get("/openapi.json", use: openAPI)
        router.get("/docs", use: docs)
        router.get("/metrics", use: metrics)
    }

    @Sendable func openAPI(_ request: Request, context: HostRequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try APIDocument.bytes(for: services.configuration))))
    }

    @Sendable func docs(_ request: Request, context: HostRequestContext) throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: try DocsPage.html(for: services.configuration))))
    }

    @Sendable func metrics(_ request: Request, context: HostRequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: services.metrics.render())))
    }
}
