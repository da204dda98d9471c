import Foundation

/// Reads `KEY=value` lines of a `.env` file. Real environment variables win
/// over the file, as with every dotenv implementation clients know.
public enum DotEnvFile {
    public static func load(_ path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line.removeFirst("export ".count) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            } else if let comment = value.range(of: " #") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            values[key] = value
        }
        return values
    }

    /// The process environment over the file's values (the file may be absent).
    public static func merged(file path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        guard let path, FileManager.default.fileExists(atPath: path) else { return environment }
        return try load(path).merging(environment) { _, fromEnvironment in fromEnvironment }
    }
}
