#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why a file was not loaded. `field` names what differs, the way
/// PostgreSQL's magic block does: "abi.major", "toolchain", "manifest.id".
public struct PluginRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Stage: String, Sendable, Codable {
        case file, dlopen, entry, registration, compatibility, manifest, registry
    }

    public var stage: Stage
    public var field: String
    public var reason: String

    public init(_ stage: Stage, field: String, _ reason: String) {
        self.stage = stage
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// A file in the plugins directory that the host refused, and when.
public struct RefusedPlugin: Sendable, Equatable {
    public var file: String
    public var refusal: PluginRefusal
    public var refusedAt: Date
}
