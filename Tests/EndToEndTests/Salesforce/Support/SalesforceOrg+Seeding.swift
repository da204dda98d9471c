import Foundation
import StandIns

extension SalesforceOrg {
    /// 2024-03-01T10:00:00Z: seeded records are written from here on, a minute apart.
    static let seedStart = Date(timeIntervalSince1970: 1_709_287_200)

    /// `count` Accounts named "Account 0001"…, written a minute apart from `seedStart`; returns their Ids in order.
    @discardableResult
    func insertAccounts(_ count: Int) -> [String] {
        (1...count).map { number in
            insert("Account", ["Name": .string("Account \(String(format: "%04d", number))")], at: Self.seedStart.addingTimeInterval(Double(number) * 60))
        }
    }
}
