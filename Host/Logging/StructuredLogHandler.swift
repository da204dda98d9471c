import ConnectorModel
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A swift-log handler that writes one record per line, as JSON or as text,
/// after masking secrets in the message and in every metadata value.
public struct StructuredLogHandler: LogHandler {
    public enum Format: Sendable {
        case json
        case text
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let format: Format
    private let sink: LogSink

    public init(label: String, level: Logger.Level, format: Format, sink: LogSink = .standardOutput) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let record = LogRecord(
            timestamp: LogRecord.now(), level: event.level.rawValue, label: label,
            message: SecretRedaction.redact(event.message.description),
            fields: merged.mapValues(Self.redacted))
        sink.write(format == .json ? record.json : record.text)
    }

    static func redacted(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let string): return .string(SecretRedaction.redact(string))
        case .stringConvertible(let convertible): return .string(SecretRedaction.redact(convertible.description))
        case .array(let values): return .array(values.map(redacted))
        case .dictionary(let members):
            return .object(
                Dictionary(uniqueKeysWithValues: members.map { key, value in
                    (key, SecretRedaction.isSensitiveKey(key) ? .string(SecretRedaction.mask) : redacted(value))
                }))
        }
    }
}

extension StructuredLogHandler {
    /// Installs the handler for the whole process (once, at start-up).
    public static func bootstrap(level: Logger.Level, format: Format, sink: LogSink = .standardOutput) {
        LoggingSystem.bootstrap { label in StructuredLogHandler(label: label, level: level, format: format, sink: sink) }
    }
}
