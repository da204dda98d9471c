import Store
import Testing

/// The `StoreError` `body` throws; records an issue (and returns nil) when it succeeds.
func storeError<T>(
    _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws(StoreError) -> T
) async -> StoreError? {
    do {
        _ = try await body()
        Issue.record("expected a StoreError: \(what)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Retries `body` until it stops throwing `.unavailable`, for up to `attempts`
/// tries 100 ms apart: how tests wait for a store to recover, never a speed check.
func recovered<T>(
    attempts: Int = 150, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws(StoreError) -> T
) async throws -> T {
    var last: StoreError?
    for _ in 0..<attempts {
        do throws(StoreError) {
            return try await body()
        } catch {
            guard error.kind == .unavailable else { throw error }
            last = error
        }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("the store did not recover: \(last.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
    throw last ?? StoreError(.unavailable, "never recovered")
}
