import Hummingbird
import Synchronization

/// Every registered route, so a wrong method gets 405 with `Allow` instead of 404.
/// Filled once the router is complete; read by `ErrorEnvelopeMiddleware`.
final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], method: HTTPRequest.Method)]>([])

    func record(_ descriptions: [(path: String, method: HTTPRequest.Method)]) {
        routes.withLock { routes in
            routes = descriptions.map { (Self.segments($0.path), $0.method) }
        }
    }

    /// Methods of every route whose template matches `path`.
    func methods(matching path: String) -> [HTTPRequest.Method] {
        let target = Self.segments(path)
        return routes.withLock { routes in
            routes.filter { route in
                route.segments.count == target.count
                    && zip(route.segments, target).allSatisfy { template, actual in
                        template.hasPrefix("{") || template.hasPrefix(":") || template == "*" || template == actual
                    }
            }.map(\.method)
        }
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/")
    }
}
