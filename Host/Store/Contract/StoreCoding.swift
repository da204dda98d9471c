#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How records become documents in either store: dates as milliseconds since
/// 1970, keys sorted so equal records give equal bytes.
public enum StoreCoding {
    public static func encode(_ value: some Encodable) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        // Whole milliseconds (an integer), so dates round-trip exactly in both stores.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(milliseconds(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(.corrupt, "cannot encode \(type(of: value)): \(error)")
        }
    }

    public static func decode<T: Decodable>(_ type: T.Type, from document: String) throws(StoreError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(type, from: Data(document.utf8))
        } catch {
            throw StoreError(.corrupt, "a stored \(T.self) cannot be read by this version: \(error)")
        }
    }

    /// Milliseconds since 1970, the unit of every stored timestamp column.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
