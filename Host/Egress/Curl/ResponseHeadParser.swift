/// Collects the header lines curl hands over one at a time into a status and an
/// ordered list of lower-cased fields. Only the last response counts: an interim
/// `100 Continue` (or a proxy's `CONNECT` answer) starts over.
struct ResponseHeadParser {
    private(set) var status = 0
    private(set) var headers: [EgressHeader] = []

    /// Consumes one raw line, with or without its CRLF.
    mutating func consume(_ line: [UInt8]) {
        var bytes = line[...]
        while let last = bytes.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") { bytes.removeLast() }
        guard !bytes.isEmpty else { return }  // the blank line that ends a header block
        if bytes.starts(with: Array("HTTP/".utf8)) {
            status = Self.statusCode(in: bytes) ?? 0
            headers.removeAll()
            return
        }
        if bytes.first == UInt8(ascii: " ") || bytes.first == UInt8(ascii: "\t") {
            // obs-fold: a continuation of the previous field's value.
            guard !headers.isEmpty else { return }
            let more = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
            headers[headers.count - 1].value += (headers[headers.count - 1].value.isEmpty ? "" : " ") + more
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: bytes[..<colon], as: UTF8.self).trimmingASCIIWhitespace().lowercased()
        let value = String(decoding: bytes[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
        guard !name.isEmpty else { return }
        headers.append(EgressHeader(name: name, value: value))
    }

    /// The number after the protocol in "HTTP/1.1 200 OK" or "HTTP/2 200".
    private static func statusCode(in line: ArraySlice<UInt8>) -> Int? {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        return Int(String(decoding: parts[1], as: UTF8.self))
    }
}
