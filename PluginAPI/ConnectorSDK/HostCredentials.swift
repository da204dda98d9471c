import CConnectorABI
import ConnectorModel

/// Hands refreshed or rotated credentials to the host, which stores them
/// (encrypted) before this returns, so a rotated refresh token is never lost.
public struct CredentialsSaver: Sendable {
    let channel: HostChannel

    public func save(_ credentials: Credentials) async throws {
        let bytes = try WireCoding.encode(credentials)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let box = Unmanaged.passRetained(SaveWaiter(continuation)).toOpaque()
            withBytes(bytes) { document in
                channel.api.pointee.credentials_updated(channel.api.pointee.host, channel.call, document, deliverSaved, box)
            }
        }
    }
}

private final class SaveWaiter {
    let continuation: CheckedContinuation<Void, any Error>
    init(_ continuation: CheckedContinuation<Void, any Error>) { self.continuation = continuation }
}

private let deliverSaved: ucp_on_credentials_saved = { userData, result, message in
    let waiter = Unmanaged<SaveWaiter>.fromOpaque(userData!).takeRetainedValue()
    if result == UCP_CREDENTIALS_SAVED {
        waiter.continuation.resume()
    } else {
        let reason = message.map { String(cString: $0) } ?? "the host could not store the credentials"
        waiter.continuation.resume(throwing: ErrorDocument(code: "credentials_not_saved", message: reason))
    }
}
