extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive remainder never becomes
    /// curl's "0 = no timeout", and clamped to what curl's `long` options accept.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int.max / 1000) - 1 else { return Int.max }
        guard self > .zero else { return 0 }
        let rest = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(seconds) * 1000 + Int(rest)
    }
}
