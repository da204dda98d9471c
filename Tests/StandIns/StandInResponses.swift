import ConnectorModel
import Foundation
import Hummingbird
import NIOCore

/// Responses the way real services send them.
public enum StandInResponses {
    /// A JSON body with the given status and extra headers.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json;charset=UTF-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: try WireCoding.encode(value))))
    }

    /// Reads a form-encoded body (`a=b&c=d`) into a dictionary.
    public static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            // Form encoding writes spaces as "+", so those go before percent-decoding.
            let parts = pair.split(separator: "=", maxSplits: 1).map { part in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
