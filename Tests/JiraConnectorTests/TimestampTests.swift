import AtlassianCloud
import ConnectorSDK
import Testing

/// Atlassian's timestamp spellings normalized to RFC 3339 UTC, and site URLs checked.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("2021-01-17T12:34:00.000+0000", "2021-01-17T12:34:00.000Z"),
        ("2024-03-01T05:00:12.345-0500", "2024-03-01T10:00:12.345Z"),
        ("2024-03-01T15:30:00.5+05:30", "2024-03-01T10:00:00.500Z"),
        ("2024-05-01T12:30:00Z", "2024-05-01T12:30:00.000Z"),
        ("2024-05-01t12:30:00.123456789z", "2024-05-01T12:30:00.123Z"),
        ("2024-02-29T23:59:59.999-01", "2024-03-01T00:59:59.999Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("2000-01-01T00:00+0000", "2000-01-01T00:00:00.000Z"),
    ])
    func normalizes(input: String, output: String) {
        #expect(AtlassianTimestamp.normalize(input) == output)
    }

    @Test(arguments: ["", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01", "2024-01-01T25:00:00Z", "2024-01-01T00:00:00", "2024-01-01T00:00:00+2400",
                      "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00Z junk", "yesterday"])
    func refuses(input: String) {
        #expect(AtlassianTimestamp(parsing: input) == nil)
    }

    @Test func keepsTheOffsetItWasWrittenIn() throws {
        let stamp = try #require(AtlassianTimestamp(parsing: "2024-03-01T05:00:12.345-0500"))
        #expect(stamp.offsetSeconds == -18_000)
        #expect(stamp.civil(atOffset: stamp.offsetSeconds).hour == 5)
        #expect(stamp.epochMilliseconds == 1_709_287_212_345)
    }

    @Test(arguments: [
        ("https://acme.atlassian.net", "https://acme.atlassian.net"), (" https://ACME.atlassian.net/ ", "https://acme.atlassian.net"),
        ("https://acme.atlassian.net/wiki/spaces/ENG", "https://acme.atlassian.net"), ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:9", "http://localhost:9"),
    ])
    func siteURLs(input: String, normalized: String) throws {
        #expect(try SiteURL.normalize(input) == normalized)
    }

    @Test(arguments: ["acme.atlassian.net", "http://acme.atlassian.net", "http://127.evil.example", "https://user:pw@acme.atlassian.net",
                      "https://acme.atlassian.net?x=1", "ftp://acme.atlassian.net", "https://", "https://acme atlassian.net"])
    func refusedSiteURLs(input: String) {
        #expect(throws: ErrorDocument.self) { try SiteURL.normalize(input) }
    }
}
