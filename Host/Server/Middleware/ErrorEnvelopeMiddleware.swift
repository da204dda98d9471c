import ConnectorModel
import Hummingbird
import Logging
import HostLogging

/// Turns every error into the `{"ok":false,"error":{...}}` envelope with the
/// right status, including the router's own 404/405/413, and logs it with the
/// request id. Anything unexpected becomes a 500 that reveals nothing inside.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = HostRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = translate(error, request: request, context: context)
            let metadata: Logger.Metadata = ["code": .string(apiError.code), "status": .stringConvertible(apiError.status.code)]
            switch (apiError.status.code, error) {
            case (500..., is APIError):
                context.logger.warning("request failed: \(apiError.message)", metadata: metadata)
            case (500..., _):
                // An error nobody translated: its description is for operators only (redacted), never for the client.
                context.logger.error("request failed: \(SecretRedaction.redact(String(describing: error)))", metadata: metadata)
            default:
                context.logger.info("request refused: \(apiError.message)", metadata: metadata)
            }
            return ErrorEnvelope.response(for: apiError)
        }
    }

    private func translate(_ error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let apiError as APIError:
            return apiError
        case let httpError as any HTTPResponseError:
            return translate(status: httpError.status, request: request, context: context)
        default:
            return APIError(
                .internalServerError, code: "internal_error",
                "The host failed while serving this request; the request id locates it in the logs.",
                details: ["requestId": .string(context.requestId)])
        }
    }

    /// What Hummingbird's router records as the endpoint when no route matched.
    static let routerNotFound = "NotFound"

    private func translate(status: HTTPResponse.Status, request: Request, context: Context) -> APIError {
        switch status {
        case .notFound where context.endpointPath == nil || context.endpointPath == Self.routerNotFound:
            let allowed = routes.methods(matching: request.uri.path)
            guard !allowed.isEmpty else {
                return APIError(.notFound, code: "route_not_found", "No route matches \(request.method) \(request.uri.path).")
            }
            var error = APIError(
                .methodNotAllowed, code: "method_not_allowed",
                "\(request.uri.path) does not accept \(request.method); it accepts \(allowed.map(\.rawValue).joined(separator: ", ")).")
            error.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return error
        case .contentTooLarge:
            return APIError(.contentTooLarge, code: "payload_too_large", "The request body exceeds \(context.maxUploadSize) bytes.")
        case .badRequest:
            return APIError(.badRequest, code: "bad_request", "The request is malformed.")
        default:
            return APIError(status, code: "http_\(status.code)", status.reasonPhrase)
        }
    }
}
