/// An OpenAPI path template (`/issue/{issueIdOrKey}/comment`), possibly with
/// a server base path in front, split into segments for matching concrete paths.
struct PathTemplate: Sendable {
    /// A piece of one segment: literal text or a `{parameter}`.
    enum Part: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let segments: [[Part]]

    /// Parses `template`; `{name}` anywhere in a segment is a parameter
    /// (`/files/{name}.json` has a literal suffix after the parameter).
    init(_ template: String) {
        segments = Self.split(template).map(Self.parts(of:))
    }

    private init(segments: [[Part]]) {
        self.segments = segments
    }

    /// This template below a base path template (`/wiki/api/v2` + `/spaces`).
    func prefixed(by base: PathTemplate) -> PathTemplate {
        PathTemplate(segments: base.segments + segments)
    }

    /// The segments of a path: `/a/b` is `["a", "b"]`, `/` is `[""]`, `""` is `[]`.
    /// A trailing slash is a trailing empty segment, so `/a/` does not match `/a`.
    static func split(_ path: some StringProtocol) -> [Substring] {
        var text = Substring(path)
        if text.first == "/" { text = text.dropFirst() } else if text.isEmpty { return [] }
        return text.split(separator: "/", omittingEmptySubsequences: false)
    }

    /// How well a template matched: one number per segment, 2 for a literal
    /// segment, 1 for a segment mixing text and a parameter, 0 for a bare
    /// parameter. Compared left to right, so `/issue/picker` beats
    /// `/issue/{id}` for `/issue/picker`.
    struct Score: Comparable {
        let ranks: [Int]
        static func < (lhs: Score, rhs: Score) -> Bool { lhs.ranks.lexicographicallyPrecedes(rhs.ranks) }
    }

    /// The parameter values and score when `path` (already split and
    /// percent-decoded) fits this template, else `nil`.
    func match(_ path: [String]) -> (parameters: [String: String], score: Score)? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        var ranks: [Int] = []
        ranks.reserveCapacity(segments.count)
        for (parts, text) in zip(segments, path) {
            guard Self.match(parts[...], Substring(text), into: &parameters) else { return nil }
            ranks.append(parts.allSatisfy { if case .literal = $0 { true } else { false } } ? 2 : parts.count > 1 ? 1 : 0)
        }
        return (parameters, Score(ranks: ranks))
    }

    /// Matches one segment, backtracking over where each parameter ends.
    /// Parameters are never empty.
    private static func match(_ parts: ArraySlice<Part>, _ text: Substring, into parameters: inout [String: String]) -> Bool {
        guard let first = parts.first else { return text.isEmpty }
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return false }
            return match(parts.dropFirst(), text.dropFirst(literal.count), into: &parameters)
        case .parameter(let name):
            guard !text.isEmpty else { return false }
            if parts.count == 1 {
                parameters[name] = String(text)
                return true
            }
            var end = text.index(after: text.startIndex)
            while true {
                var attempt = parameters
                if match(parts.dropFirst(), text[end...], into: &attempt) {
                    attempt[name] = String(text[..<end])
                    parameters = attempt
                    return true
                }
                guard end < text.endIndex else { return false }
                end = text.index(after: end)
            }
        }
    }

    private static func parts(of segment: Substring) -> [Part] {
        var parts: [Part] = []
        var rest = segment
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || parts.isEmpty { parts.append(.literal(String(rest))) }
        return parts
    }
}
