/// Per-operation times from repeated batches: the median hides scheduler noise,
/// the 90th percentile shows it.
struct Measurement {
    var nanosecondsPerOperation: [Double]

    var median: Double { percentile(0.5) }
    var p90: Double { percentile(0.9) }

    func percentile(_ fraction: Double) -> Double {
        let sorted = nanosecondsPerOperation.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// Runs `batches` batches of `operations` calls of `body` and records the time per call of each batch.
    static func run(batches: Int, operations: Int, _ body: () async throws -> Void) async rethrows -> Measurement {
        var results: [Double] = []
        for _ in 0..<batches {
            let start = ContinuousClock.now
            for _ in 0..<operations { try await body() }
            let elapsed = ContinuousClock.now - start
            results.append(elapsed.nanoseconds / Double(operations))
        }
        return Measurement(nanosecondsPerOperation: results)
    }
}

extension Duration {
    var nanoseconds: Double { Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9 }
}
