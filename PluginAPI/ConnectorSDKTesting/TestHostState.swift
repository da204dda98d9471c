import CConnectorABI
import ConnectorModel
import ConnectorSDK
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The test host's side of the function table.
final class TestHostState: @unchecked Sendable {
    // @unchecked: `table` is written once in init and only read afterwards.
    let http: TestHost.HTTPHandler
    let table: UnsafeMutablePointer<ucp_type_host_api>
    let logs = Mutex<[TestLogLine]>([])
    let saved = Mutex<[Credentials]>([])

    init(http: @escaping TestHost.HTTPHandler) {
        self.http = http
        table = .allocate(capacity: 1)
        table.initialize(
            to: ucp_type_host_api(
                struct_size: UInt32(MemoryLayout<ucp_type_host_api>.size),
                abi_min: ucp_type_version(major: UInt16(UCP_ABI_VERSION_MAJOR), minor: 0),
                abi_max: ucp_type_version(major: UInt16(UCP_ABI_VERSION_MAJOR), minor: UInt16(UCP_ABI_VERSION_MINOR)),
                host_toolchain: nil, host: nil, complete: testComplete, log: testLog, http_send: testHTTPSend,
                credentials_updated: testCredentialsUpdated, clock_now: testClock))
        table.pointee.host = OpaquePointer(Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        table.deallocate()
    }

    static func from(_ host: OpaquePointer?) -> TestHostState {
        Unmanaged<TestHostState>.fromOpaque(UnsafeRawPointer(host!)).takeUnretainedValue()
    }
}

/// One call in flight; its address is the handle.
final class TestCall: @unchecked Sendable {
    // @unchecked: resumed exactly once, by the plugin's single `complete`.
    let continuation: CheckedContinuation<(status: Int32, response: [UInt8]), Never>
    let endpoints: [String: String]

    init(continuation: CheckedContinuation<(status: Int32, response: [UInt8]), Never>, endpoints: [String: String]) {
        self.continuation = continuation
        self.endpoints = endpoints
    }
}

/// The plugin's hook and `user_data` for an HTTP answer. `@unchecked Sendable`:
/// a C function pointer and an address the test host never dereferences.
private struct ResponseHook: @unchecked Sendable {
    let hook: ucp_on_http_response
    let userData: UnsafeMutableRawPointer?
}

private func bytes(_ value: ucp_type_bytes) -> [UInt8] {
    guard let data = value.data else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: value.length))
}

private let testComplete: ucp_callback_complete = { _, handle, status, response in
    let call = Unmanaged<TestCall>.fromOpaque(UnsafeRawPointer(handle!)).takeRetainedValue()
    call.continuation.resume(returning: (status, bytes(response)))
}

private let testLog: ucp_callback_log = { host, _, level, message, fields in
    let fieldValues = (try? WireCoding.decode([String: JSONValue].self, from: bytes(fields))) ?? [:]
    let line = TestLogLine(level: level, message: String(decoding: bytes(message), as: UTF8.self), fields: fieldValues)
    TestHostState.from(host).logs.withLock { $0.append(line) }
}

private let testClock: ucp_callback_clock_now = { _ in
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

private let testHTTPSend: ucp_callback_http_send = { host, handle, request, onResponse, userData in
    let state = TestHostState.from(host)
    let hook = ResponseHook(hook: onResponse!, userData: userData)
    let endpoints = handle.map { Unmanaged<TestCall>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue().endpoints } ?? [:]
    let copied = copyRequest(request!.pointee, endpoints: endpoints)
    Task {
        let result: Result<HTTPResponse, any Error>
        do { result = .success(try await state.http(copied)) } catch { result = .failure(error) }
        deliver(result, to: hook)
    }
}

private let testCredentialsUpdated: ucp_callback_credentials_updated = { host, _, document, onSaved, userData in
    if let credentials = try? WireCoding.decode(Credentials.self, from: bytes(document)) {
        TestHostState.from(host).saved.withLock { $0.append(credentials) }
        onSaved?(userData, UCP_CREDENTIALS_SAVED, nil)
    } else {
        onSaved?(userData, UCP_CREDENTIALS_NOT_SAVED, "not a credentials document")
    }
}

private func copyRequest(_ request: ucp_type_http_request, endpoints: [String: String]) -> HTTPRequest {
    var headers: [HTTPHeader] = []
    if let list = request.headers {
        for header in UnsafeBufferPointer(start: list, count: request.header_count) {
            headers.append(HTTPHeader(String(cString: header.name), String(cString: header.value)))
        }
    }
    var url = String(cString: request.url)
    if url.hasPrefix("{"), let close = url.firstIndex(of: "}"), let base = endpoints[String(url[url.index(after: url.startIndex)..<close])] {
        url = base + url[url.index(after: close)...]
    }
    return HTTPRequest(
        method: String(cString: request.method), url: url, headers: headers, body: bytes(request.body),
        timeout: request.timeout_ms == 0 ? nil : .milliseconds(Int64(request.timeout_ms)))
}

private func deliver(_ result: Result<HTTPResponse, any Error>, to hook: ResponseHook) {
    switch result {
    case .success(let response):
        let names = response.headers.map { strdup($0.name.lowercased())! }
        let values = response.headers.map { strdup($0.value)! }
        defer { (names + values).forEach { free($0) } }
        let headers = zip(names, values).map { ucp_type_http_header(name: UnsafePointer($0), value: UnsafePointer($1)) }
        headers.withUnsafeBufferPointer { headerBuffer in
            response.body.withUnsafeBufferPointer { body in
                var answer = ucp_type_http_response(
                    struct_size: UInt32(MemoryLayout<ucp_type_http_response>.size), result: UCP_HTTP_OK, status: Int32(response.status),
                    headers: headerBuffer.baseAddress, header_count: headerBuffer.count,
                    body: ucp_type_bytes(data: body.baseAddress, length: body.count), error_message: nil)
                hook.hook(hook.userData, &answer)
            }
        }
    case .failure(let error):
        let kind: Int32 = (error as? HTTPTransportError).map { transport in
            switch transport.kind {
            case .timeout: UCP_HTTP_TIMEOUT
            case .connectFailed: UCP_HTTP_CONNECT_FAILED
            case .cancelled: UCP_HTTP_CANCELLED
            case .refused: UCP_HTTP_REFUSED
            case .failed: UCP_HTTP_FAILED
            }
        } ?? UCP_HTTP_FAILED
        "\(error)".withCString { message in
            var answer = ucp_type_http_response(
                struct_size: UInt32(MemoryLayout<ucp_type_http_response>.size), result: kind, status: 0, headers: nil, header_count: 0,
                body: ucp_type_bytes(data: nil, length: 0), error_message: message)
            hook.hook(hook.userData, &answer)
        }
    }
}
