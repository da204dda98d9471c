import ConnectorSDK
import StandIns
import Testing

@testable import SalesforceConnector

/// The small pure parts: instants, origins, locators and the stand-in's PKCE arithmetic.
@Suite struct SalesforceValueTests {
    @Test func salesforceTimestampsBecomeRFC3339InUTC() throws {
        #expect(SalesforceDateTime("2024-01-01T10:00:00.000+0000")?.rfc3339 == "2024-01-01T10:00:00.000Z")
        #expect(SalesforceDateTime("2024-01-01T12:30:00.5+02:30")?.rfc3339 == "2024-01-01T10:00:00.500Z")
        #expect(SalesforceDateTime("2024-02-29T23:59:59.999-01:00")?.rfc3339 == "2024-03-01T00:59:59.999Z")
        #expect(SalesforceDateTime("1969-12-31T23:59:59.999Z")?.milliseconds == -1)
        #expect(SalesforceDateTime("2024-03-01T10:00:00Z")?.replicationParameter == "2024-03-01T10:00:00+00:00")
        for bad in ["2024-01-01", "2024-02-30T00:00:00Z", "2024-01-01T10:00:00", "2024-01-01T10:00:00Z OR 1=1", "2024-13-01T00:00:00Z"] {
            #expect(SalesforceDateTime(bad) == nil, "\(bad)")
        }
    }

    @Test func theStandInsPKCEMatchesRFC7636AppendixB() async throws {
        #expect(try await OpenSSLTool.pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test func originsAreSchemeHostAndPortOnly() {
        #expect(HTTPOrigin("https://acme.my.salesforce.com/")?.url == "https://acme.my.salesforce.com")
        #expect(HTTPOrigin("http://127.0.0.1:8080")?.url == "http://127.0.0.1:8080")
        for bad in ["https://acme.my.salesforce.com/services", "https://user@acme.my.salesforce.com", "ftp://x", "acme", "https://x?y=1"] {
            #expect(HTTPOrigin(bad) == nil, "\(bad)")
        }
    }

    @Test func onlyLocatorsShapedLikeSalesforcesAreFollowed() {
        #expect(SalesforceAPI.isQueryLocator("/services/data/v66.0/query/01gDn0000000001-200"))
        for bad in [
            "https://evil.example.com/services/data/v66.0/query/01g-2", "/services/data/v66.0/query/../../x", "/services/data/v66.0/sobjects/Account",
            "//evil.example.com/services/data/v66.0/query/01g-1", "/services/data/v66.0/query/01g-1?q=x",
        ] {
            #expect(!SalesforceAPI.isQueryLocator(bad), "\(bad)")
        }
    }

    @Test func keysetConditionsBreakTimestampTiesById() throws {
        let instant = try #require(SalesforceDateTime("2024-03-01T10:00:00.000Z"))
        let condition = try SOQL.after("SystemModstamp", instant, id: "001Dn0000000001AAA")
        #expect(
            condition
                == "(SystemModstamp > 2024-03-01T10:00:00.000Z) OR (SystemModstamp = 2024-03-01T10:00:00.000Z AND Id > '001Dn0000000001AAA')")
        let query = SOQLQuery(fields: ["Id"], object: "Account", conditions: [condition, "Name = 'x'"], orderBy: ["SystemModstamp", "Id"], limit: 3)
        let statement = try SOQLParser.parse(query.text)
        #expect(statement.limit == 3)
        #expect(statement.orderBy.map(\.field) == ["SystemModstamp", "Id"])
    }
}
