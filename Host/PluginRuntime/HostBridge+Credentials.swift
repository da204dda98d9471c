import CConnectorABI
import ConnectorModel

/// The plugin's acknowledgement hook and `user_data`, carried to the task that
/// stores the credentials. `@unchecked Sendable`: a C function pointer and an
/// address the host never dereferences; the ABI lets the hook run on any thread.
private struct Acknowledgement: @unchecked Sendable {
    let hook: ucp_on_credentials_saved
    let userData: UnsafeMutableRawPointer?

    func saved() { hook(userData, UCP_CREDENTIALS_SAVED, nil) }

    func failed(_ reason: String) {
        reason.withCString { hook(userData, UCP_CREDENTIALS_NOT_SAVED, $0) }
    }
}

extension HostBridge {
    func saveCredentials(
        _ document: [UInt8],
        call: PluginCall?,
        onSaved: @escaping ucp_on_credentials_saved,
        userData: UnsafeMutableRawPointer?
    ) {
        let acknowledgement = Acknowledgement(hook: onSaved, userData: userData)
        guard let call else {
            acknowledgement.failed("credentials must be handed back during a call, which names the connection")
            return
        }
        guard call.context.connectionId != nil else {
            acknowledgement.failed("this call has no connection to store credentials for")
            return
        }
        let credentials: Credentials
        do {
            credentials = try WireCoding.decode(Credentials.self, from: document)
        } catch {
            acknowledgement.failed("not a credentials document: \(error)")
            return
        }
        let connector = connectorId
        let save = services.saveCredentials
        Task {
            do {
                try await save(connector, call.context, credentials)
                acknowledgement.saved()
            } catch {
                acknowledgement.failed("the host could not store the credentials: \(error)")
            }
        }
    }
}
