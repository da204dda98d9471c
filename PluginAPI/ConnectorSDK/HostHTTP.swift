import CConnectorABI

#if canImport(Glibc)
import Glibc
#endif

/// Outbound HTTP through the host (libcurl, shared connection pool, timeouts,
/// Retry-After, redaction). Cancelling the call cancels its requests.
public struct HostHTTP: Sendable {
    let channel: HostChannel

    /// Sends `request` and returns the provider's answer, whatever its status.
    /// Throws `HTTPTransportError` when no answer arrived.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            let box = Unmanaged.passRetained(ResponseWaiter(continuation)).toOpaque()
            request.withCRequest { cRequest in
                withUnsafePointer(to: cRequest) { pointer in
                    channel.api.pointee.http_send(channel.api.pointee.host, channel.call, pointer, deliverResponse, box)
                }
            }
        }
    }
}

private final class ResponseWaiter {
    let continuation: CheckedContinuation<HTTPResponse, any Error>
    init(_ continuation: CheckedContinuation<HTTPResponse, any Error>) { self.continuation = continuation }
}

private let deliverResponse: ucp_on_http_response = { userData, response in
    let waiter = Unmanaged<ResponseWaiter>.fromOpaque(userData!).takeRetainedValue()
    guard let response = response?.pointee else {
        waiter.continuation.resume(throwing: HTTPTransportError(kind: .failed, message: "host delivered no response"))
        return
    }
    waiter.continuation.resume(with: HTTPResponse.from(response))
}

extension HTTPResponse {
    static func from(_ response: ucp_type_http_response) -> Result<HTTPResponse, any Error> {
        let message = response.error_message.map { String(cString: $0) } ?? ""
        switch response.result {
        case UCP_HTTP_OK:
            var headers: [HTTPHeader] = []
            if let list = response.headers {
                headers.reserveCapacity(response.header_count)
                for header in UnsafeBufferPointer(start: list, count: response.header_count) {
                    headers.append(HTTPHeader(String(cString: header.name), String(cString: header.value)))
                }
            }
            return .success(HTTPResponse(status: Int(response.status), headers: headers, body: copyBytes(response.body)))
        case UCP_HTTP_TIMEOUT: return .failure(HTTPTransportError(kind: .timeout, message: message))
        case UCP_HTTP_CONNECT_FAILED: return .failure(HTTPTransportError(kind: .connectFailed, message: message))
        case UCP_HTTP_CANCELLED: return .failure(HTTPTransportError(kind: .cancelled, message: message))
        case UCP_HTTP_REFUSED: return .failure(HTTPTransportError(kind: .refused, message: message))
        default: return .failure(HTTPTransportError(kind: .failed, message: message))
        }
    }
}

extension HTTPRequest {
    /// Lends the request as C structs for the duration of `body`.
    func withCRequest<R>(_ body: (ucp_type_http_request) -> R) -> R {
        let strings = CStringArena()
        defer { strings.free() }
        let cHeaders = headers.map { ucp_type_http_header(name: strings.copy($0.name), value: strings.copy($0.value)) }
        let timeoutMs: UInt32 = timeout.map { duration in
            let (seconds, attoseconds) = duration.components
            return UInt32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        } ?? 0
        return cHeaders.withUnsafeBufferPointer { headerBuffer in
            withBytes(self.body) { bodyBytes in
                body(
                    ucp_type_http_request(
                        struct_size: UInt32(MemoryLayout<ucp_type_http_request>.size),
                        method: strings.copy(method), url: strings.copy(url),
                        headers: headerBuffer.baseAddress, header_count: headerBuffer.count,
                        body: bodyBytes, timeout_ms: timeoutMs))
            }
        }
    }
}

/// NUL-terminated copies that live until `free()`.
final class CStringArena {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    func copy(_ string: String) -> UnsafePointer<CChar> {
        let pointer = strdup(string)!
        pointers.append(pointer)
        return UnsafePointer(pointer)
    }

    func free() {
        for pointer in pointers { Glibc.free(pointer) }
        pointers.removeAll()
    }
}
