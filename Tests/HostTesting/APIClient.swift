import ConnectorModel
import Foundation
import HTTPTypes
import HostServer
import HummingbirdTesting
import JSONSchema
import NIOCore
import Testing

/// A test client that checks every response against our OpenAPI document
/// (status documented, body matching its schema) and decodes the envelope.
public struct APIClient: Sendable {
    public let client: any TestClientProtocol
    public let document: JSONSchema.OpenAPIDocument

    public init(client: any TestClientProtocol, document: JSONSchema.OpenAPIDocument) {
        self.client = client
        self.document = document
    }

    public struct Reply: Sendable {
        public var status: Int
        public var headers: HTTPFields
        public var body: JSONValue

        /// `data` of a success envelope.
        public var data: JSONValue { body["data"] ?? .null }
        /// `error.code` of a failure envelope.
        public var errorCode: String? { body["error"]?["code"]?.stringValue }
        public var text: String { String(decoding: (try? WireCoding.encode(body)) ?? [], as: UTF8.self) }

        public func decode<T: Decodable>(_ type: T.Type) throws -> T { try data.decode(as: type) }
    }

    @discardableResult
    public func request(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], json: JSONValue? = nil, rawBody: [UInt8]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Reply {
        var headers = headers
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try WireCoding.encode(json))
        } else if let rawBody {
            body = ByteBuffer(bytes: rawBody)
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        let bytes = Array(response.body.readableBytesView)
        let contentType = response.headers[.contentType] ?? ""
        let route = path.split(separator: "?").first.map(String.init) ?? path
        var issues = document.validateResponse(
            method: method.rawValue, path: route, status: Int(response.status.code), contentType: contentType, bodyBytes: bytes)
        if document.operation(method: method.rawValue, path: route) == nil {
            // Unrouted requests (404/405) have no operation: their envelope must still be an ErrorResponse.
            let body = (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null
            issues = document.validator.validate(body, againstSchemaAt: "#/components/schemas/ErrorResponse")
        }
        #expect(issues.isEmpty, "\(method) \(route) → \(response.status.code) does not match openapi.json: \(issues.prefix(5))", sourceLocation: sourceLocation)
        let parsed = contentType.hasPrefix("application/json") ? (try? WireCoding.decode(JSONValue.self, from: bytes)) ?? .null : .string(String(decoding: bytes, as: UTF8.self))
        return Reply(status: Int(response.status.code), headers: response.headers, body: parsed)
    }

    public func get(_ path: String, headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        try await request(.get, path, headers: headers, sourceLocation: sourceLocation)
    }

    public func post(_ path: String, headers: HTTPFields = [:], json: JSONValue? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reply {
        try await request(.post, path, headers: headers, json: json ?? [:], sourceLocation: sourceLocation)
    }
}

/// Our own OpenAPI document, as the server serves it.
public enum OpenAPIContract {
    public static func document() throws -> JSONSchema.OpenAPIDocument {
        try JSONSchema.OpenAPIDocument(APIDocument.source())
    }
}

extension HTTPFields {
    public static func tenant(_ tenant: String) -> HTTPFields { [HTTPField.Name("X-Tenant-Id")!: tenant] }
}

extension Array where Element == JSONValue {
    /// The `id` of every element, e.g. of a page's `items`.
    public var ids: [String] { compactMap { $0["id"]?.stringValue } }
}
