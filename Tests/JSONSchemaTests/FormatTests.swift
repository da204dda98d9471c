import ConnectorModel
import JSONSchema
import Testing

@Suite("format")
struct FormatTests {
    func accepts(_ format: String, _ value: String) -> Bool {
        issues(.string(value), ["type": "string", "format": .string(format)]).isEmpty
    }

    @Test(arguments: [
        "2024-05-01T12:30:00Z", "2024-05-01T12:30:00.123456+02:00", "2024-02-29T00:00:00-05:30",
        "2024-05-01t12:30:00z", "2024-05-01 12:30:00Z", "2016-12-31T23:59:60Z",
        // Jira Cloud's offset without a colon; see DateTimeFormat.
        "2021-01-17T12:34:00.000+0000",
    ])
    func validDateTimes(_ value: String) {
        #expect(accepts("date-time", value))
    }

    @Test(arguments: [
        "2024-05-01", "2024-05-01T12:30:00", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:30:00.Z", "2024-05-01T12:30:00+2:00",
        "yesterday", "1714566600",
    ])
    func invalidDateTimes(_ value: String) {
        #expect(!accepts("date-time", value))
    }

    @Test func dates() {
        #expect(accepts("date", "2024-02-29"))
        #expect(accepts("date", "2000-02-29"))
        #expect(!accepts("date", "1900-02-29"))
        #expect(!accepts("date", "2024-04-31"))
        #expect(!accepts("date", "2024-5-1"))
        #expect(!accepts("date", "2024-05-01T00:00:00Z"))
    }

    @Test func uris() {
        #expect(accepts("uri", "https://your-domain.atlassian.net/rest/api/3/project/search?startAt=0&maxResults=2"))
        #expect(accepts("uri", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"))
        #expect(accepts("uri", "https://example.com/a%20b#frag"))
        #expect(accepts("uri", "https://例え.jp/パス"), "IRIs are accepted leniently")
        #expect(!accepts("uri", "/rest/api/3/myself"), "relative references are not URIs")
        #expect(!accepts("uri", "https://example.com/a b"))
        #expect(!accepts("uri", "https://example.com/%zz"))
        #expect(!accepts("uri", "1http://x"))
        #expect(!accepts("uri", ""))
    }

    @Test func emails() {
        #expect(accepts("email", "mia@example.com"))
        #expect(accepts("email", "first.last+tag@sub.example.co.uk"))
        #expect(accepts("email", "admin@localhost"))
        #expect(accepts("email", "\"odd name\"@example.com"))
        #expect(!accepts("email", "mia.example.com"))
        #expect(!accepts("email", "@example.com"))
        #expect(!accepts("email", "mia@"))
        #expect(!accepts("email", "mia..k@example.com"))
        #expect(!accepts("email", "mia@-example.com"))
        #expect(!accepts("email", "mia k@example.com"))
    }

    @Test func uuids() {
        #expect(accepts("uuid", "6e8bc430-9c3a-11d9-9669-0800200C9A66"))
        #expect(!accepts("uuid", "6e8bc4309c3a11d996690800200c9a66"))
        #expect(!accepts("uuid", "6e8bc430-9c3a-11d9-9669-0800200c9a6g"))
    }

    @Test func unknownFormatsPass() {
        #expect(accepts("password", "hunter2"))
        #expect(accepts("x-made-up", ""))
    }

    @Test func messageNamesTheFormat() {
        let found = issues("tomorrow", ["format": "date-time"])
        #expect(found.map(\.message) == ["string \"tomorrow\" is not a valid date-time (expected RFC 3339, like 2024-05-01T12:30:00Z)"])
        #expect(found.map(\.schemaPath) == ["#/format"])
    }

    @Test func formatsCanBeAnnotationsOnly() {
        let validator = JSONSchemaValidator(document: ["format": "email"], options: .init(checksFormats: false))
        #expect(validator.validate("not an email").isEmpty)
    }
}
