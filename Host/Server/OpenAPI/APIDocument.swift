import ConnectorModel
import Foundation

/// The OpenAPI 3 document of the whole API (`openapi.json` next to this file,
/// the hand-written source of truth), with the title, version and API prefix
/// of the running configuration filled in.
public enum APIDocument {
    /// The document as JSON bytes for `configuration`.
    public static func bytes(for configuration: HostConfiguration) throws -> [UInt8] {
        try WireCoding.encode(document(for: configuration))
    }

    public static func document(for configuration: HostConfiguration) throws -> JSONValue {
        guard case .object(var document) = try source() else { throw APIDocumentError.notAnObject }
        if case .object(var info) = document["info"] {
            info["title"] = .string(configuration.appName)
            info["version"] = .string(configuration.appVersion)
            document["info"] = .object(info)
        }
        if configuration.apiPrefix != "/api", case .object(let paths) = document["paths"] {
            document["paths"] = .object(
                Dictionary(uniqueKeysWithValues: paths.map { path, item in
                    (path.hasPrefix("/api/") ? configuration.apiPrefix + path.dropFirst(4) : path, item)
                }))
        }
        return .object(document)
    }

    /// The document exactly as written.
    public static func source() throws -> JSONValue {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw APIDocumentError.missing
        }
        return try WireCoding.decode(JSONValue.self, from: Array(try Data(contentsOf: url)))
    }
}

enum APIDocumentError: Error, CustomStringConvertible {
    case missing
    case notAnObject

    var description: String {
        switch self {
        case .missing: "openapi.json is missing from the host's resources"
        case .notAnObject: "openapi.json is not a JSON object"
        }
    }
}

extension APIDocument {
    /// The document indented for humans, as `connector-host openapi` writes it.
    public static func prettyBytes(for configuration: HostConfiguration) throws -> [UInt8] {
        let encoder = WireCoding.encoder
        encoder.outputFormatting.insert(.prettyPrinted)
        return Array(try encoder.encode(document(for: configuration))) + [UInt8(ascii: "\n")]
    }
}
