import HostTesting
import ConnectorModel
import HostServer
import JSONSchema
import Foundation
import TestKit
import Testing

/// The document and the router describe the same API: a route missing from
/// either side fails here.
@Suite struct OpenAPIParityTests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let harness = try await HostHarness.make()
        defer { harness.remove() }
        let document = try OpenAPIContract.document()
        let documented = Set(document.paths.map { "\($0.method.uppercased()) \($0.template)" })
        let served = Set(harness.host.routes)
        #expect(served.subtracting(documented).sorted() == [], "routes missing from openapi.json")
        #expect(documented.subtracting(served).sorted() == [], "documented routes the router lacks")
    }

    @Test func theServedDocumentIsValidAndCarriesTheConfiguredVersion() async throws {
        let harness = try await HostHarness.make { $0.appVersion = "9.9.9" }
        defer { harness.remove() }
        try await harness.test { client in
            let reply = try await client.get("/openapi.json")
            #expect(reply.body["openapi"] == "3.0.3")
            #expect(reply.body["info"]?["version"] == "9.9.9")
            let docs = try await client.get("/docs")
            #expect(docs.status == 200)
            #expect(docs.text.contains("/api/connectors/{id}/probe"))
        }
        #expect(try OpenAPIContract.document().validator.schemaProblems.isEmpty)
    }

    @Test func theCommittedInterfaceFileIsUpToDate() throws {
        let committed = try WireCoding.decode(JSONValue.self, from: Array(try Data(contentsOf: Repository.root.appendingPathComponent("interfaces/openapi.json"))))
        #expect(committed == (try APIDocument.document(for: HostConfiguration())), "run `connector-host openapi` and commit interfaces/openapi.json")
    }
}
