import ConnectorModel
import Hummingbird
import NIOCore

/// `{"ok":true,"data":...}`: the shape of every successful response.
public struct Envelope<Payload: Encodable & Sendable>: ResponseGenerator, Sendable {
    public var data: Payload
    public var status: HTTPResponse.Status

    public init(_ data: Payload, status: HTTPResponse.Status = .ok) {
        self.data = data
        self.status = status
    }

    private struct Body: Encodable {
        let ok = true
        let data: Payload
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try WireCoding.encode(Body(data: data)))))
    }
}

/// `{"ok":false,"error":{"code","message","details"?}}`: the shape of every failure.
struct ErrorEnvelope: Encodable {
    struct Failure: Encodable {
        let code: String
        let message: String
        let details: JSONValue?
    }

    let ok = false
    let error: Failure

    static func response(for error: APIError) -> Response {
        let body = ErrorEnvelope(error: Failure(code: error.code, message: error.message, details: error.details))
        let bytes = (try? WireCoding.encode(body)) ?? Array(#"{"ok":false,"error":{"code":"internal_error","message":"unencodable error"}}"#.utf8)
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
