import ConnectorModel
import Testing

extension HostSession {
    /// The tenant's audit trail, newest first, every page.
    func auditTrail() async throws -> [(action: String, target: String)] {
        var actions: [(String, String)] = []
        var cursor: String?
        repeat {
            let page = try await get("/api/audit-logs?limit=100" + (cursor.map { "&cursor=\($0)" } ?? ""))
            try #require(page.status == 200, "audit logs: \(page.text)")
            actions += (page.data["items"]?.arrayValue ?? []).map { ($0["action"]?.stringValue ?? "", $0["target"]?.stringValue ?? "") }
            cursor = page.data["nextCursor"]?.stringValue
        } while cursor != nil
        return actions
    }
}
