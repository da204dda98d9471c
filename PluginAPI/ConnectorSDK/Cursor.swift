import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Opaque paging cursors: any Codable position (an offset, a provider token, a
/// keyset) as URL-safe base64 JSON. Clients and the host never look inside.
public enum Cursor {
    public static func encode(_ position: some Encodable) throws -> String {
        Data(try WireCoding.encode(position)).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    /// Decodes a cursor made by `encode`, or throws `invalid_input` for anything else.
    public static func decode<Position: Decodable>(_ cursor: String, as type: Position.Type = Position.self) throws -> Position {
        var base64 = cursor.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let position = try? WireCoding.decode(Position.self, from: Array(data)) else {
            throw ErrorDocument(code: ErrorDocument.Code.invalidInput, message: "The cursor is not one this connector issued.")
        }
        return position
    }
}
