import CCurl

/// One attempt of one request: a curl easy handle, the memory curl points into,
/// and the response collected so far. Confined to the egress thread.
///
/// Easy handles are not pooled: connections (and the DNS cache) live in the multi
/// handle, so a fresh easy handle still reuses a kept-alive connection.
final class CurlAttempt {
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let maxResponseBytes: Int
    private(set) var head = ResponseHeadParser()
    private(set) var body: [UInt8] = []
    /// The write callback stopped the transfer because the body outgrew the limit.
    private(set) var bodyLimitHit = false

    /// Key for finding this attempt from the easy handle curl reports as done.
    var key: UInt { UInt(bitPattern: easy) }

    /// A configured easy handle for `request`, allowed `timeout` in total.
    init(_ request: PreparedRequest, timeout: Duration, configuration: EgressConfiguration) throws(EgressError) {
        guard CurlGlobal.ensureInitialised(), let easy = curl_easy_init() else {
            throw EgressError(kind: .failed, message: "libcurl could not create a transfer")
        }
        self.easy = easy
        self.maxResponseBytes = configuration.maxResponseBytes
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try configure(request, timeout: timeout, configuration: configuration)
    }

    deinit {
        // The driver removes the handle from the multi before dropping the attempt.
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// curl's own description of the last failure, or "" (may contain the URL: sanitise it).
    var errorDetail: String { String(cString: errorBuffer) }

    private func configure(_ request: PreparedRequest, timeout: Duration, configuration: EgressConfiguration) throws(EgressError) {
        let this = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, string: request.url)
        // Only http(s), also for anything curl might be pointed at later; redirects are
        // returned to the caller as 3xx, never followed.
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_FOLLOWLOCATION, 0)
        // curl must not use signals (SIGALRM for DNS timeouts) in a multi-threaded host.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TIMEOUT_MS, timeout.wholeMilliseconds)
        try set(CURLOPT_CONNECTTIMEOUT_MS, min(configuration.connectTimeout, timeout).wholeMilliseconds)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        // HTTP/2 when TLS ALPN offers it, HTTP/1.1 otherwise.
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // Lets curl refuse early when Content-Length already announces too much.
        // (0 would mean "no limit" to curl; the write callback enforces the limit either way.)
        if configuration.maxResponseBytes > 0 {
            try set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(configuration.maxResponseBytes))
        }
        try set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        try set(CURLOPT_WRITEFUNCTION, pointer: unsafeBitCast(Self.onBody, to: UnsafeRawPointer.self))
        try set(CURLOPT_WRITEDATA, pointer: this)
        try set(CURLOPT_HEADERFUNCTION, pointer: unsafeBitCast(Self.onHeader, to: UnsafeRawPointer.self))
        try set(CURLOPT_HEADERDATA, pointer: this)

        for line in request.headerLines { headerList = curl_slist_append(headerList, line) }
        try set(CURLOPT_HTTPHEADER, pointer: headerList)

        switch request.method {
        case "GET" where !request.sendsBody: try set(CURLOPT_HTTPGET, 1)
        case "HEAD": try set(CURLOPT_NOBODY, 1)
        default:
            if request.method != "POST" { try set(CURLOPT_CUSTOMREQUEST, string: request.method) }
        }
        if request.sendsBody {
            // COPYPOSTFIELDS copies the bytes now, so nothing here has to outlive this call.
            try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(request.body.count))
            if request.body.isEmpty {
                try set(CURLOPT_COPYPOSTFIELDS, string: "")
            } else {
                let code = request.body.withUnsafeBytes { CurlVariadics.easySetPointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
                try check(code, CURLOPT_COPYPOSTFIELDS)
            }
        }
    }

    // MARK: - Callbacks (called by curl on the egress thread, inside curl_multi_perform)

    private static let onBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        let attempt = Unmanaged<CurlAttempt>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        guard attempt.body.count + length <= attempt.maxResponseBytes else {
            attempt.bodyLimitHit = true
            return 0  // anything but `length` makes curl stop with CURLE_WRITE_ERROR
        }
        if let data, length > 0 {
            attempt.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        }
        return length
    }

    private static let onHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        let attempt = Unmanaged<CurlAttempt>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        if let data, length > 0 { attempt.head.consume(Array(UnsafeRawBufferPointer(start: data, count: length))) }
        return length
    }

    // MARK: - Option setters

    private func set(_ option: CURLoption, _ value: Int) throws(EgressError) {
        try check(CurlVariadics.easySetLong(easy, option, value), option)
    }

    private func set(_ option: CURLoption, offset value: Int64) throws(EgressError) {
        try check(CurlVariadics.easySetOffset(easy, option, value), option)
    }

    private func set(_ option: CURLoption, pointer value: UnsafeRawPointer?) throws(EgressError) {
        try check(CurlVariadics.easySetPointer(easy, option, value), option)
    }

    /// String options are copied by curl (since 7.17), so the C string may be temporary.
    private func set(_ option: CURLoption, string value: String) throws(EgressError) {
        let code = value.withCString { CurlVariadics.easySetPointer(easy, option, $0) }
        try check(code, option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(EgressError) {
        guard code != CURLE_OK else { return }
        let reason = String(cString: curl_easy_strerror(code))
        throw EgressError(kind: .failed, message: "libcurl rejected option \(option.rawValue): \(reason)")
    }
}
