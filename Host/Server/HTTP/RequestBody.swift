import ConnectorModel
import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body, telling malformed JSON (`invalid_json`) apart from
    /// JSON of the wrong shape (`invalid_request`, naming the field).
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: HostRequestContext) async throws -> T {
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let bytes = Data(buffer: buffer)
        guard (try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])) != nil else {
            throw APIError(.badRequest, code: "invalid_json", "The request body is not valid JSON.")
        }
        do {
            return try JSONDecoder().decode(type, from: bytes)
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.invalidRequest(
                "The request body lacks the field \"\(Self.path(context.codingPath + [key]))\".",
                details: ["field": .string(Self.path(context.codingPath + [key]))])
        } catch let DecodingError.typeMismatch(expected, context) {
            throw APIError.invalidRequest(
                "The field \"\(Self.path(context.codingPath))\" must be \(Self.describe(expected)).",
                details: ["field": .string(Self.path(context.codingPath))])
        } catch let DecodingError.valueNotFound(expected, context) {
            throw APIError.invalidRequest(
                "The field \"\(Self.path(context.codingPath))\" must be \(Self.describe(expected)), not null.",
                details: ["field": .string(Self.path(context.codingPath))])
        } catch let DecodingError.dataCorrupted(context) {
            throw APIError.invalidRequest(
                "The field \"\(Self.path(context.codingPath))\" is invalid: \(context.debugDescription)",
                details: ["field": .string(Self.path(context.codingPath))])
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
