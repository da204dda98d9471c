/// The rules every manifest must follow; the SDK checks them before
/// registering and the host checks them again for plugins in any language.
public enum ManifestRules {
    public struct Violation: Error, CustomStringConvertible, Equatable {
        /// The manifest field at fault, e.g. `manifest.id`.
        public let field: String
        public let problem: String
        public var description: String { "\(field): \(problem)" }
    }

    public static func check(_ manifest: Manifest) throws(Violation) {
        guard isValidId(manifest.id) else {
            throw Violation(field: "manifest.id", problem: "\"\(manifest.id)\" must match [a-z0-9_-]{1,64}")
        }
        guard SemanticVersion(manifest.version) != nil else {
            throw Violation(field: "manifest.version", problem: "\"\(manifest.version)\" is not a semantic version (MAJOR.MINOR.PATCH)")
        }
        guard !manifest.displayName.isEmpty else {
            throw Violation(field: "manifest.displayName", problem: "must not be empty")
        }
        for (index, method) in manifest.authMethods.enumerated() where method.type == .oauth2 {
            guard method.authorizationUrl?.isEmpty == false, method.tokenUrl?.isEmpty == false else {
                throw Violation(field: "manifest.authMethods[\(index)]", problem: "oauth2 needs authorizationUrl and tokenUrl")
            }
        }
        guard manifest.configSchema["type"]?.stringValue == "object" else {
            throw Violation(field: "manifest.configSchema", problem: "must be a JSON Schema with \"type\": \"object\"")
        }
        for (name, url) in manifest.endpoints where !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            throw Violation(field: "manifest.endpoints.\(name)", problem: "\"\(url)\" is not an http(s) URL")
        }
    }

    public static func isValidId(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }
}

/// MAJOR.MINOR.PATCH with optional pre-release/build suffixes, compared by the numbers.
public struct SemanticVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init?(_ text: String) {
        let core = text.split(whereSeparator: { $0 == "-" || $0 == "+" }).first.map(String.init) ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2]),
            major >= 0, minor >= 0, patch >= 0
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
