import Testing

@testable import Egress

/// Checks made before curl sees a request, and keeping secrets out of error text.
@Suite struct PreparedRequestTests {
    func prepare(_ request: EgressRequest) -> Result<PreparedRequest, EgressError> {
        PreparedRequest.prepare(request, configuration: .default)
    }

    @Test(arguments: ["http://example.com/", "https://example.com:8443/a/b?c=d#frag", "HTTPS://EXAMPLE.COM", "http://[::1]:8080/"])
    func acceptedURLs(url: String) {
        #expect(URLCheck.problem(with: url) == nil)
    }

    @Test func refusalsNameTheProblemButNotTheURL() {
        #expect(URLCheck.problem(with: "ftp://example.com/") == "unsupported URL scheme 'ftp': only http and https are allowed")
        #expect(URLCheck.problem(with: "example.com/path")?.hasPrefix("malformed URL") == true)
        let withSecret = URLCheck.problem(with: "http://user:pa ss@example.com/") ?? ""
        #expect(withSecret.hasPrefix("malformed URL"))
        #expect(!withSecret.contains("pa ss"))
    }

    @Test func methodIsUpperCasedAndHeadersBecomeCurlLines() throws {
        let prepared = try prepare(
            EgressRequest(
                method: "post", url: "http://example.com/",
                headers: [
                    EgressHeader(name: "Accept", value: "application/json"), EgressHeader(name: "X-Empty", value: ""),
                    EgressHeader(name: "Content-Length", value: "999"),
                ],
                body: [1, 2, 3])
        ).get()
        #expect(prepared.method == "POST")
        #expect(prepared.sendsBody)
        #expect(prepared.headerLines == ["Accept: application/json", "X-Empty;", "Expect:", "Content-Type:", "User-Agent: unified-connector-host"])
        #expect(prepared.timeout == EgressConfiguration.default.defaultTimeout)
    }

    @Test func callerHeadersWinOverDefaults() throws {
        let prepared = try prepare(
            EgressRequest(
                url: "http://example.com/",
                headers: [EgressHeader(name: "user-agent", value: "mine"), EgressHeader(name: "Content-Type", value: "text/plain")])
        ).get()
        #expect(prepared.headerLines == ["user-agent: mine", "Content-Type: text/plain", "Expect:"])
        #expect(!prepared.sendsBody)
    }

    @Test func redactedURLMasksSecrets() throws {
        let prepared = try prepare(EgressRequest(url: "https://bob:hunter22@example.com/x?access_token=abc123def&page=2")).get()
        #expect(!prepared.redactedURL.contains("hunter22"))
        #expect(!prepared.redactedURL.contains("abc123def"))
        #expect(prepared.redactedURL.contains("page=2"))
    }

    @Test func curlErrorTextIsScrubbed() {
        let url = "https://bob:hunter22@example.com/x?access_token=abc123def&page=2"
        let texts = [
            "Could not resolve host for \(url)",
            "bad request to example.com/x?access_token=abc123def&page=2",
            "login hunter22 denied, token abc123def",
            "Authorization: Bearer eyJhbGciOi.payload",
        ]
        for text in texts {
            let clean = ErrorText.sanitize(text, url: url)
            #expect(!clean.contains("hunter22"), "\(clean)")
            #expect(!clean.contains("abc123def"), "\(clean)")
            #expect(!clean.contains("eyJhbGciOi"), "\(clean)")
        }
    }
}
