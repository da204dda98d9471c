import CLibpq

/// Splits a connection string into libpq keywords with libpq's own parser
/// (`PQconninfoParse`), which understands every URI form libpq accepts. Pure
/// parsing: no network, no files (defaults are not consulted).
enum ConninfoParser {
    /// The keywords the string sets, or nil when libpq cannot parse it.
    /// libpq's reason is dropped on purpose: it quotes the offending part of
    /// the string, which may be the password.
    static func parse(_ connectionString: String) -> [ConnectionParameters.Entry]? {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &message) else {
            if let message { PQfreemem(message) }
            return nil
        }
        defer { PQconninfoFree(options) }
        var entries: [ConnectionParameters.Entry] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                entries.append(.init(keyword: String(cString: keyword), value: String(cString: value)))
            }
            option += 1
        }
        return entries
    }
}
