import Store
import Synchronization
import TokenEncryption

/// Turns a bearer key into a `Principal`: the bootstrap admin key from the
/// environment, or a stored key (only its SHA-256 is stored), cached briefly.
final class APIKeyAuthenticator: Sendable {
    private let store: any HostStore
    private let adminKeyHash: [UInt8]?
    private let cache = Mutex<[String: (principal: Principal?, until: ContinuousClock.Instant)]>([:])
    /// A revoked key stops working within this long.
    static let cacheLifetime = Duration.seconds(30)

    init(store: any HostStore, adminKey: String?) {
        self.store = store
        self.adminKeyHash = adminKey.map { Digests.sha256(Array($0.utf8)) }
    }

    /// The principal for `key`, or nil when it is unknown or revoked.
    func principal(for key: String) async throws(APIError) -> Principal? {
        if let adminKeyHash, Digests.constantTimeEqual(Digests.sha256(Array(key.utf8)), adminKeyHash) {
            return Principal(keyId: "bootstrap-admin", role: .admin, tenantId: nil)
        }
        let hash = Digests.sha256Hex(key)
        if let cached = cache.withLock({ $0[hash] }), cached.until > .now { return cached.principal }
        let record: APIKeyRecord?
        do {
            record = try await store.apiKey(hash: hash)
        } catch {
            throw APIError(error)
        }
        let principal = record.flatMap { record in
            record.revokedAt == nil
                ? Principal(keyId: record.id, role: record.role == .admin ? .admin : .tenant, tenantId: record.role == .admin ? nil : record.tenantId)
                : nil
        }
        cache.withLock { $0[hash] = (principal, .now + Self.cacheLifetime) }
        return principal
    }
}
