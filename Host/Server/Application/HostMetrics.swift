import CoreMetrics
import Prometheus
import Synchronization

/// The process's Prometheus registry. swift-metrics is bootstrapped into it
/// once, so counters made anywhere (plugin loads, refusals) land here too.
public final class HostMetrics: Sendable {
    public static let shared = HostMetrics()

    public let registry: PrometheusCollectorRegistry
    private static let bootstrapped = Mutex(false)

    private init() {
        registry = PrometheusCollectorRegistry()
        Self.bootstrapped.withLock { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }

    static let latencyBuckets: [Duration] = [
        .microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    // Built once, not per request. `nonisolated(unsafe)`: swift-prometheus does not mark its
    // descriptor Sendable, but it is an immutable struct of strings.
    nonisolated(unsafe) private static let requests = MetricNameDescriptor(
        metricName: "http_requests", unitName: "total", helpText: "Requests answered, by route template, method and status.")
    nonisolated(unsafe) private static let requestDuration = MetricNameDescriptor(
        metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer a request, by route template and method.")
    nonisolated(unsafe) private static let pluginCallDuration = MetricNameDescriptor(
        metricName: "plugin_call_duration", unitName: "seconds",
        helpText: "Time from calling a connector to its answer, by connector, operation and outcome.")

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.requestDuration, labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    func recordPluginCall(connector: String, operation: String, outcome: String, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: Self.pluginCallDuration, labels: [("connector", connector), ("operation", operation), ("outcome", outcome)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The text exposition format served at `/metrics`.
    func render() -> String {
        registry.emitToString()
    }
}
