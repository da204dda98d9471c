/// libpq connection keywords and values, in order, for `PQconnectdbParams`.
///
/// Passing keyword/value arrays instead of a conninfo string means no value is
/// ever quoted or escaped by hand: a password holding spaces, quotes or
/// backslashes reaches libpq verbatim. Later entries override earlier ones
/// (libpq keeps the last value of a repeated keyword).
struct ConnectionParameters: Sendable, Hashable, CustomStringConvertible {
    /// One keyword and its value.
    struct Entry: Sendable, Hashable {
        let keyword: String
        let value: String
    }

    private(set) var entries: [Entry] = []

    /// Sets `keyword`, replacing an earlier value.
    mutating func set(_ keyword: String, _ value: String) {
        entries.removeAll { $0.keyword == keyword }
        entries.append(Entry(keyword: keyword, value: value))
    }

    /// The value of `keyword`, if set.
    subscript(_ keyword: String) -> String? {
        entries.last { $0.keyword == keyword }?.value
    }

    /// Keywords only: values (the password above all) never reach a log line
    /// through string interpolation.
    var description: String {
        "ConnectionParameters(\(entries.map(\.keyword).joined(separator: ", ")))"
    }

    /// Every value that must never appear in a message.
    var secretValues: [String] {
        [self["password"]].compactMap { $0 }.filter { !$0.isEmpty }
    }
}
