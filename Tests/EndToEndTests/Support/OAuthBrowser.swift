import Foundation
import HTTPTypes
import Testing

/// The user's browser: opens the `authUrl` the host handed out (the stand-in
/// takes the user as logged in and consenting) and reads the redirect back to
/// the app's callback, without following it.
enum OAuthBrowser {
    struct Redirect: Sendable {
        /// Where the browser was sent, query included.
        var location: URLComponents
        var code: String?
        var state: String?
        var error: String?
    }

    static func authorize(_ authUrl: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Redirect {
        let url = try #require(URLComponents(string: authUrl), sourceLocation: sourceLocation)
        let port = try #require(url.port, "authUrl has no port: \(authUrl)", sourceLocation: sourceLocation)
        let path = url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        let response = try await PlainHTTP.send(.get, host: url.host ?? "127.0.0.1", port: port, path: path)
        try #require(response.status == .found, "the authorize endpoint answered \(response.status)", sourceLocation: sourceLocation)
        let location = try #require(response.headers[.location].flatMap { URLComponents(string: $0) }, sourceLocation: sourceLocation)
        func value(_ name: String) -> String? { location.queryItems?.first { $0.name == name }?.value }
        return Redirect(location: location, code: value("code"), state: value("state"), error: value("error"))
    }
}
