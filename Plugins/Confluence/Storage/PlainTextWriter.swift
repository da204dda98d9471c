/// Accumulates plain text with browser-like whitespace: runs of spaces
/// collapse to one and vanish at line starts, and line breaks requested
/// between blocks are written only once text follows, so none pile up or
/// dangle at the ends.
struct PlainTextWriter {
    private var output = ""
    private var pendingBreaks = 0
    private var pendingSpace = false
    /// Just after a marker such as `- `, which carries its own spacing.
    private var afterMarker = false

    /// Characters written so far (to find a link's own text).
    var count: Int { output.count }

    /// Text written since `start`.
    func text(since start: Int) -> String {
        String(output.dropFirst(start))
    }

    /// Asks for `breaks` line breaks (1: new line, 2: blank line) before the next text.
    mutating func block(_ breaks: Int) {
        // Right after a marker the line has begun; the block's text goes on it.
        guard !afterMarker else { return }
        pendingBreaks = max(pendingBreaks, breaks)
        pendingSpace = false
    }

    mutating func lineBreak() {
        flushBreaks()
        output += "\n"
        pendingSpace = false
    }

    /// Text that keeps its spaces, at the start of a line or cell (`- `, ` | `).
    mutating func marker(_ text: String) {
        flushBreaks()
        output += text
        pendingSpace = false
        afterMarker = true
    }

    mutating func text(_ text: String, preformatted: Bool = false) {
        for character in text {
            if character.isWhitespace, !preformatted {
                if !atBoundary { pendingSpace = true }
                continue
            }
            flushBreaks()
            if pendingSpace { output += " " }
            pendingSpace = false
            afterMarker = false
            output.append(character)
        }
    }

    func finish() -> String {
        var result = Substring(output)
        while result.last?.isWhitespace == true { result = result.dropLast() }
        return String(result)
    }

    private var atBoundary: Bool {
        output.isEmpty || output.last == "\n" || pendingBreaks > 0 || afterMarker
    }

    private mutating func flushBreaks() {
        if pendingBreaks > 0, !output.isEmpty {
            while output.last == " " { output.removeLast() }
            let existing = output.reversed().prefix { $0 == "\n" }.count
            output += String(repeating: "\n", count: max(0, pendingBreaks - existing))
        }
        pendingBreaks = 0
    }
}
