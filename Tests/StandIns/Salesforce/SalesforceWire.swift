import ConnectorModel
import Foundation
import Hummingbird
import NIOCore

/// Bodies the way Salesforce sends them.
enum SalesforceWire {
    /// The REST API's failure body: an array of `{message, errorCode}` (REST API
    /// Developer Guide, "Status Codes and Error Responses").
    static func errors(status: Int, errorCode: String, message: String, headers: HTTPFields = [:]) throws -> Response {
        try StandInResponses.json(
            [["message": message, "errorCode": errorCode]] as [[String: String]], status: .init(code: status), headers: headers)
    }

    /// The OAuth endpoints' failure body: `{"error", "error_description"}` with HTTP 400.
    static func oauthError(_ error: String, _ description: String) throws -> Response {
        try StandInResponses.json(["error": error, "error_description": description], status: .badRequest)
    }

    static func json(_ value: JSONValue, headers: HTTPFields = [:]) throws -> Response {
        try StandInResponses.json(value, headers: headers)
    }

    /// A plain-text body.
    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain;charset=UTF-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Query-string or form fields with form semantics (`+` is a space, then
    /// percent-decoding), as Salesforce reads both.
    static func fields(_ encoded: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { part in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}

extension HTTPFields {
    /// `Sforce-Limit-Info`, sent with every REST API response.
    static func limitInfo(used: Int, max: Int) -> HTTPFields {
        [HTTPFields.Element.Name("Sforce-Limit-Info")!: "api-usage=\(used)/\(max)"]
    }
}
