import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One HTTP header field.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An outbound request the host performs for the connector.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL, or a "{endpoint}/path" template resolved by the host.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// `nil` uses the host's default timeout.
    public var timeout: Duration?

    public init(method: String = "GET", url: String, headers: [HTTPHeader] = [], body: [UInt8] = [], timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// A request whose body is `value` as JSON.
    public static func json(_ method: String, _ url: String, body value: some Encodable, headers: [HTTPHeader] = []) throws -> HTTPRequest {
        HTTPRequest(
            method: method, url: url,
            headers: headers + [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Accept", "application/json")],
            body: Array(try JSONEncoder().encode(value)))
    }

    /// A request whose body is `fields` as `application/x-www-form-urlencoded`.
    public static func form(_ url: String, fields: [(String, String)], headers: [HTTPHeader] = []) -> HTTPRequest {
        let body = fields.map { "\(FormEncoding.escape($0.0))=\(FormEncoding.escape($0.1))" }.joined(separator: "&")
        return HTTPRequest(
            method: "POST", url: url,
            headers: headers + [HTTPHeader("Content-Type", "application/x-www-form-urlencoded"), HTTPHeader("Accept", "application/json")],
            body: Array(body.utf8))
    }
}

/// The provider's answer, whatever its status.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Names in lower case, in the order received.
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// Decodes the body as JSON, or throws `upstream_bad_response` naming what was wrong.
    /// `userInfo` reaches the types' `init(from:)`, for decoding choices a type cannot make alone.
    public func decode<T: Decodable>(_ type: T.Type = T.self, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> T {
        do {
            let decoder = JSONDecoder()
            decoder.userInfo = userInfo
            return try decoder.decode(type, from: Data(body))
        } catch {
            throw ErrorDocument(
                code: ErrorDocument.Code.upstreamBadResponse,
                message: "The provider answered HTTP \(status) with a body that is not the expected \(T.self) JSON.",
                details: ["status": .number(Double(status)), "bodyBytes": .number(Double(body.count))])
        }
    }
}

/// The request never produced a response.
public struct HTTPTransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case timeout, connectFailed, cancelled, refused, failed
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// Percent-encoding for form bodies and query strings (RFC 3986 unreserved set kept).
public enum FormEncoding {
    public static func escape(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// `key=value&...` with every part escaped.
    public static func query(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
