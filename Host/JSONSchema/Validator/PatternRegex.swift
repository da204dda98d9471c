/// Compiles JSON Schema `pattern`s with Swift `Regex`, set up to behave as
/// close to ECMA-262 (the dialect JSON Schema specifies) as Swift allows.
enum PatternRegex {
    /// The regex for `pattern`, or the error Swift gives for it.
    static func compile(_ pattern: String) throws -> Regex<AnyRegexOutput> {
        // ECMA-262 matches code points, not grapheme clusters, and its `\d`
        // and `\w` are ASCII only.
        try Regex(pattern)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
    }

    /// True when `regex` matches somewhere in `text` (patterns are not anchored).
    static func matches(_ regex: Regex<AnyRegexOutput>, _ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
