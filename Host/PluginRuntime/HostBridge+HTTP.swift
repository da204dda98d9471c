import CConnectorABI
import Egress
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The plugin's `user_data`, carried untouched to its response hook.
/// `@unchecked Sendable`: the host never dereferences it.
private struct PluginUserData: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer?
}

extension HostBridge {
    func sendHTTP(
        _ request: UnsafePointer<ucp_type_http_request>?,
        call: PluginCall?,
        onResponse: @escaping ucp_on_http_response,
        userData: UnsafeMutableRawPointer?
    ) {
        let userData = PluginUserData(pointer: userData)
        let egressRequest: EgressRequest
        do {
            egressRequest = try makeEgressRequest(request, call: call)
        } catch {
            deliver(.failure(error), to: onResponse, userData.pointer)
            return
        }
        let ticketBox = TicketBox()
        let ticket = services.egress.start(egressRequest) { result in
            if let ticket = ticketBox.ticket { call?.untrack(ticket) }
            deliver(result, to: onResponse, userData.pointer)
        }
        ticketBox.ticket = ticket
        call?.track(ticket)
    }

    /// Copies the plugin's request and resolves an "{endpoint}/path" template.
    private func makeEgressRequest(_ pointer: UnsafePointer<ucp_type_http_request>?, call: PluginCall?) throws(EgressError) -> EgressRequest {
        guard let request = pointer?.pointee, let method = request.method, let url = request.url else {
            throw EgressError(kind: .refused, message: "the request has no method or URL")
        }
        var headers: [EgressHeader] = []
        if let list = request.headers {
            for header in UnsafeBufferPointer(start: list, count: request.header_count) {
                guard let name = header.name, let value = header.value else { continue }
                headers.append(EgressHeader(name: String(cString: name), value: String(cString: value)))
            }
        }
        let endpoints = endpoints(for: call)
        var metadata = ["connector": connectorId]
        if let call { metadata["requestId"] = call.context.requestId }
        return EgressRequest(
            method: String(cString: method),
            url: try EndpointTemplate.resolve(String(cString: url), endpoints: endpoints),
            headers: headers,
            body: copyBytes(request.body),
            timeout: request.timeout_ms == 0 ? nil : .milliseconds(Int64(request.timeout_ms)),
            logMetadata: metadata)
    }
}

/// Lets the completion find its own ticket, which exists only after `start` returns.
private final class TicketBox: Sendable {
    private let value = Mutex<EgressTicket?>(nil)

    var ticket: EgressTicket? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// Hands `result` to the plugin as a borrowed `ucp_type_http_response`.
private func deliver(_ result: Result<EgressResponse, EgressError>, to hook: ucp_on_http_response, _ userData: UnsafeMutableRawPointer?) {
    switch result {
    case .success(let response):
        let names = response.headers.map { strdup($0.name)! }
        let values = response.headers.map { strdup($0.value)! }
        defer {
            names.forEach { free($0) }
            values.forEach { free($0) }
        }
        let headers = zip(names, values).map { ucp_type_http_header(name: UnsafePointer($0), value: UnsafePointer($1)) }
        headers.withUnsafeBufferPointer { headerBuffer in
            response.body.withUnsafeBufferPointer { body in
                var answer = ucp_type_http_response(
                    struct_size: UInt32(MemoryLayout<ucp_type_http_response>.size), result: UCP_HTTP_OK,
                    status: Int32(response.status), headers: headerBuffer.baseAddress, header_count: headerBuffer.count,
                    body: ucp_type_bytes(data: body.baseAddress, length: body.count), error_message: nil)
                hook(userData, &answer)
            }
        }
    case .failure(let error):
        error.message.withCString { message in
            var answer = ucp_type_http_response(
                struct_size: UInt32(MemoryLayout<ucp_type_http_response>.size), result: error.kind.abiResult,
                status: 0, headers: nil, header_count: 0, body: ucp_type_bytes(data: nil, length: 0), error_message: message)
            hook(userData, &answer)
        }
    }
}

extension EgressError.Kind {
    var abiResult: Int32 {
        switch self {
        case .timeout: UCP_HTTP_TIMEOUT
        case .connectFailed: UCP_HTTP_CONNECT_FAILED
        case .cancelled: UCP_HTTP_CANCELLED
        case .refused: UCP_HTTP_REFUSED
        case .failed: UCP_HTTP_FAILED
        }
    }
}
