import ConnectorModel

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One finished, already-redacted log record.
struct LogRecord {
    let timestamp: String
    let level: String
    let label: String
    let message: String
    /// Metadata, with values of sensitive keys masked.
    let fields: [String: JSONValue]

    var json: String {
        var object = fields
        for key in fields.keys where SecretRedaction.isSensitiveKey(key) { object[key] = .string(SecretRedaction.mask) }
        object["timestamp"] = .string(timestamp)
        object["level"] = .string(level)
        object["logger"] = .string(label)
        object["message"] = .string(message)
        guard let bytes = try? WireCoding.encode(JSONValue.object(object)) else { return #"{"message":"unencodable log record"}"# }
        return String(decoding: bytes, as: UTF8.self)
    }

    var text: String {
        let rendered = fields.keys.sorted().map { key in
            let value = SecretRedaction.isSensitiveKey(key) ? SecretRedaction.mask : Self.plain(fields[key]!)
            return "\(key)=\(value)"
        }
        return ([timestamp, level.uppercased(), label + ":", message] + rendered).joined(separator: " ")
    }

    private static func plain(_ value: JSONValue) -> String {
        if let string = value.stringValue { return string }
        return (try? WireCoding.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
