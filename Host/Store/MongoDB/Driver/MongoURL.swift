import CMongoc
import Logging
import Store

/// A parsed `MONGODB_URL` with the store's defaults applied, and what must
/// never appear in a message: the credentials it carries.
///
/// `@unchecked Sendable`: the `mongoc_uri_t` is read-only after `init`, and
/// libmongoc only reads it (copying it into the client pool).
final class MongoURL: @unchecked Sendable {
    let uri: OpaquePointer
    /// The database named by the URL's path, if any.
    let database: String?
    /// The URL with its user information replaced by "***", safe to log.
    let display: String
    private let secrets: [String]

    /// How long an operation waits for a server before the store answers `.unavailable`,
    /// unless the URL says otherwise (libmongoc's default, 30 s, would hang requests).
    static let defaultServerSelectionTimeoutMS: Int32 = 2_000
    static let defaultConnectTimeoutMS: Int32 = 2_000
    /// Bounds a request to a server that accepted the connection but stopped answering.
    static let defaultSocketTimeoutMS: Int32 = 10_000

    /// `libmongocLog` receives what libmongoc logs while it works with this URL.
    init(_ text: String, libmongocLog: Logger = Logger(label: "libmongoc")) throws(StoreError) {
        secrets = Self.credentials(in: text)
        display = Self.redact(text, secrets)
        MongocLog.initialise(hiding: secrets, logger: libmongocLog)
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(text, &error) else {
            throw StoreError(.unavailable, "MONGODB_URL is not a valid MongoDB URL (\(Self.redact(error.text, secrets))): \(display)")
        }
        self.uri = uri
        database = mongoc_uri_get_database(uri).map { String(cString: $0) }
        setDefault(MONGOC_URI_SERVERSELECTIONTIMEOUTMS, Self.defaultServerSelectionTimeoutMS)
        setDefault(MONGOC_URI_CONNECTTIMEOUTMS, Self.defaultConnectTimeoutMS)
        setDefault(MONGOC_URI_SOCKETTIMEOUTMS, Self.defaultSocketTimeoutMS)
        if mongoc_uri_get_appname(uri) == nil {
            mongoc_uri_set_appname(uri, "connector-host")
        }
    }

    deinit {
        mongoc_uri_destroy(uri)
    }

    /// `message` with every credential of the URL replaced by "***".
    func redact(_ message: String) -> String {
        Self.redact(message, secrets)
    }

    private func setDefault(_ option: String, _ value: Int32) {
        if !mongoc_uri_has_option(uri, option) {
            mongoc_uri_set_option_as_int32(uri, option, value)
        }
    }

    /// The user information of a URL (`scheme://USER:PASSWORD@hosts/...`): as
    /// written, and its user and password, percent-decoded or not. Longest first,
    /// so a password containing the user name is hidden whole.
    static func credentials(in url: String) -> [String] {
        guard let schemeEnd = url.firstRange(of: "://") else { return [] }
        let afterScheme = url[schemeEnd.upperBound...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return [] }
        let userInfo = String(authority[..<at])
        var secrets = [userInfo]
        for part in userInfo.split(separator: ":", maxSplits: 1).map(String.init) {
            secrets.append(part)
            secrets.append(percentDecoded(part))
        }
        return Set(secrets.filter { !$0.isEmpty }).sorted { $0.count > $1.count }
    }

    static func redact(_ message: String, _ secrets: [String]) -> String {
        secrets.reduce(message) { $0.replacing($1, with: "***") }
    }

    private static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
