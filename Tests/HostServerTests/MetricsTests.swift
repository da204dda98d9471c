import HostTesting
import Testing

@Suite struct MetricsTests {
    @Test func requestsPluginCallsAndLoadsAreExposedForPrometheus() async throws {
        let harness = try await HostHarness.withFixture()
        defer { harness.remove() }
        try await harness.test { client in
            #expect(try await client.get("/api/connectors").status == 200)
            #expect(try await client.post("/api/connectors/fixture/probe").status == 200)
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == 200)
            let text = metrics.body.stringValue ?? ""
            #expect(text.contains(#"http_requests_total{route="/api/connectors",method="GET",status="200"}"#))
            #expect(text.contains(#"plugin_call_duration_seconds_count{connector="fixture",operation="probe",outcome="ok"}"#))
            #expect(text.contains(#"plugin_loads_total{connector="fixture"}"#))
        }
    }
}
