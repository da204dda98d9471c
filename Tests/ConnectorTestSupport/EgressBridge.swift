import ConnectorSDK
import Egress

/// A `TestHost` HTTP handler that sends each request the connector makes
/// through the host's real libcurl client, so connector tests exercise real HTTP.
public enum EgressBridge {
    public static func forward(_ request: HTTPRequest, through egress: EgressClient) async throws -> HTTPResponse {
        let outbound = EgressRequest(
            method: request.method, url: request.url, headers: request.headers.map { EgressHeader(name: $0.name, value: $0.value) },
            body: request.body, timeout: request.timeout)
        do {
            let response = try await egress.send(outbound)
            return HTTPResponse(status: response.status, headers: response.headers.map { HTTPHeader($0.name, $0.value) }, body: response.body)
        } catch {
            throw HTTPTransportError(kind: kind(error.kind), message: error.message)
        }
    }

    private static func kind(_ kind: EgressError.Kind) -> HTTPTransportError.Kind {
        switch kind {
        case .timeout: .timeout
        case .connectFailed: .connectFailed
        case .cancelled: .cancelled
        case .refused: .refused
        case .failed: .failed
        }
    }
}
