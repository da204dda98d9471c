/// Strict URL-safe base64 (RFC 4648 §5) with `=` padding, the encoding of Fernet keys and tokens.
///
/// Decoding is stricter than Python's `base64.urlsafe_b64decode`, which `cryptography` uses:
/// - padding is required (Python requires it too), so unpadded input is refused;
/// - any character outside `A-Z a-z 0-9 - _` is refused, where Python silently drops
///   characters it does not know and also accepts `+` and `/` from standard base64;
/// - the unused low bits of the last character must be zero, so each byte string has exactly
///   one accepted spelling.
/// Every token or key a conforming Fernet implementation writes passes these rules, so the
/// strictness costs no interoperability and keeps one canonical text per token.
enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let padding = UInt8(ascii: "=")
    private static let invalid: UInt8 = 0xFF

    /// Maps an ASCII byte to its 6-bit value, or `invalid`.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The padded URL-safe base64 text of `bytes`.
    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        let length = (bytes.count + 2) / 3 * 4
        return String(unsafeUninitializedCapacity: length) { output in
            var out = 0
            var index = 0
            while index < bytes.count {
                let remaining = bytes.count - index
                let b0 = UInt32(bytes[index])
                let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
                let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
                let group = b0 << 16 | b1 << 8 | b2
                output[out] = alphabet[Int(group >> 18 & 0x3F)]
                output[out + 1] = alphabet[Int(group >> 12 & 0x3F)]
                output[out + 2] = remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : padding
                output[out + 3] = remaining > 2 ? alphabet[Int(group & 0x3F)] : padding
                out += 4
                index += 3
            }
            return length
        }
    }

    /// The padded URL-safe base64 text of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { encode($0) }
    }

    /// The bytes `text` encodes, or `nil` if it breaks any rule in the type's documentation.
    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(UnsafeRawBufferPointer($0)) }
    }

    private static func decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        var padCount = 0
        while padCount < 2, padCount < input.count, input[input.count - 1 - padCount] == padding { padCount += 1 }
        let decodedCount = input.count / 4 * 3 - padCount
        var output = [UInt8]()
        output.reserveCapacity(decodedCount)
        var index = 0
        while index < input.count {
            // In the last group, padded positions count as zero bits.
            var group: UInt32 = 0
            for offset in 0..<4 {
                let position = index + offset
                let value: UInt8
                if position >= input.count - padCount {
                    value = 0
                } else {
                    value = values[Int(input[position])]
                    guard value != invalid else {
                        output.wipe()  // may hold part of a key
                        return nil
                    }
                }
                group = group << 6 | UInt32(value)
            }
            output.append(UInt8(group >> 16 & 0xFF))
            output.append(UInt8(group >> 8 & 0xFF))
            output.append(UInt8(group & 0xFF))
            index += 4
        }
        // Bits that the padding hides must be zero (canonical encoding).
        let dropped = output.suffix(padCount)
        guard dropped.allSatisfy({ $0 == 0 }) else {
            output.wipe()
            return nil
        }
        output.removeLast(padCount)
        return output
    }
}
