import Foundation
import StandIns

/// Instants for seeded records: fixed, so expectations can name them.
enum Instants {
    /// 2024-03-01T10:00:00Z plus `minutes`.
    static func at(minutes: Double) -> Date {
        Date(timeIntervalSince1970: 1_709_287_200 + minutes * 60)
    }

    static func rfc3339(minutes: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: at(minutes: minutes))
    }
}

extension SalesforceOrg {
    /// `count` Accounts named "Account 0001"…, written a minute apart; returns their Ids in order.
    @discardableResult
    func insertAccounts(_ count: Int) -> [String] {
        (1...count).map { number in
            insert("Account", ["Name": .string("Account \(String(format: "%04d", number))")], at: Instants.at(minutes: Double(number)))
        }
    }
}

/// Where the copied vendor files live, found from this file's path.
enum FixtureFiles {
    static func upstreamSpec(_ name: String) throws -> Data {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: tests.appendingPathComponent("Fixtures/upstream-specs/\(name)"))
    }
}
