import Store

/// BSON bytes (bsonspec.org) for `BSONDocument`, in Swift: libbson's `bson_t`
/// and `bson_iter_t` are over-aligned C structs that Swift imports only as
/// opaque pointers, so the store hands libbson finished bytes and reads the
/// bytes of its replies instead of walking them field by field.
enum BSONBinary {
    private enum TypeByte: UInt8 {
        case double = 0x01, string = 0x02, document = 0x03, array = 0x04, objectId = 0x07, bool = 0x08
        case date = 0x09, null = 0x0A, int32 = 0x10, int64 = 0x12
    }

    static func encode(_ document: BSONDocument) -> [UInt8] {
        var bytes: [UInt8] = []
        write(document.fields.map { ($0.key, $0.value) }, to: &bytes)
        return bytes
    }

    private static func write(_ elements: [(String, BSONValue)], to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes += [0, 0, 0, 0]  // length, patched below
        for (key, value) in elements {
            let type: TypeByte
            var payload: [UInt8] = []
            switch value {
            case .null: type = .null
            case .bool(let flag): (type, payload) = (.bool, [flag ? 1 : 0])
            case .int64(let integer): (type, payload) = (.int64, littleEndian(integer))
            case .double(let number): (type, payload) = (.double, littleEndian(number.bitPattern))
            case .date(let milliseconds): (type, payload) = (.date, littleEndian(milliseconds))
            case .string(let text):
                type = .string
                payload = littleEndian(Int32(text.utf8.count + 1)) + Array(text.utf8) + [0]
            case .document(let nested):
                type = .document
                write(nested.fields.map { ($0.key, $0.value) }, to: &payload)
            case .array(let values):
                type = .array
                write(values.enumerated().map { (String($0.offset), $0.element) }, to: &payload)
            }
            bytes.append(type.rawValue)
            bytes += key.utf8.filter { $0 != 0 }  // keys are escaped; a NUL would end the C string
            bytes.append(0)
            bytes += payload
        }
        bytes.append(0)
        let length = littleEndian(Int32(bytes.count - start))
        bytes.replaceSubrange(start..<start + 4, with: length)
    }

    static func decode(_ bytes: some Collection<UInt8>) throws(StoreError) -> BSONDocument {
        var reader = Reader(bytes: Array(bytes)[...])
        let document = try reader.document()
        guard reader.bytes.isEmpty else { throw StoreError(.corrupt, "BSON document has trailing bytes") }
        return document
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>

        mutating func document() throws(StoreError) -> BSONDocument {
            let length = Int(try integer(Int32.self))
            guard length >= 5, length - 4 <= bytes.count else { throw malformed("document length \(length)") }
            var body = Reader(bytes: bytes.prefix(length - 4))
            bytes = bytes.dropFirst(length - 4)
            var document = BSONDocument()
            while true {
                guard let typeByte = body.bytes.popFirst() else { throw malformed("unterminated document") }
                if typeByte == 0 { break }
                let key = try body.cString()
                document.append(key, try body.value(typeByte, key: key))
            }
            guard body.bytes.isEmpty else { throw malformed("bytes after the end of a document") }
            return document
        }

        private mutating func value(_ typeByte: UInt8, key: String) throws(StoreError) -> BSONValue {
            switch TypeByte(rawValue: typeByte) {
            case .null: return .null
            case .bool: return .bool(try take(1).first != 0)
            case .int32: return .int64(Int64(try integer(Int32.self)))
            case .int64: return .int64(try integer(Int64.self))
            case .double: return .double(Double(bitPattern: try integer(UInt64.self)))
            case .date: return .date(milliseconds: try integer(Int64.self))
            case .string:
                let length = Int(try integer(Int32.self))
                guard length >= 1 else { throw malformed("string length \(length) in \(key)") }
                let text = try take(length)
                guard text.last == 0 else { throw malformed("unterminated string in \(key)") }
                return .string(String(decoding: text.dropLast(), as: UTF8.self))
            case .objectId:
                return .string(try take(12).map { String($0, radix: 16).leftPadded(to: 2) }.joined())
            case .document: return .document(try document())
            case .array: return .array(try document().fields.map(\.value))
            case nil:
                throw StoreError(.corrupt, "field \(key) has BSON type 0x\(String(typeByte, radix: 16)), which no record uses")
            }
        }

        private mutating func cString() throws(StoreError) -> String {
            guard let end = bytes.firstIndex(of: 0) else { throw malformed("unterminated field name") }
            let name = String(decoding: bytes[..<end], as: UTF8.self)
            bytes = bytes[(end + 1)...]
            return name
        }

        private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(StoreError) -> T {
            try take(MemoryLayout<T>.size).reversed().reduce(T.zero) { $0 << 8 | T($1) }
        }

        private mutating func take(_ count: Int) throws(StoreError) -> ArraySlice<UInt8> {
            guard count <= bytes.count else { throw malformed("truncated document") }
            defer { bytes = bytes.dropFirst(count) }
            return bytes.prefix(count)
        }

        private func malformed(_ what: String) -> StoreError {
            StoreError(.corrupt, "MongoDB returned malformed BSON: \(what)")
        }
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
