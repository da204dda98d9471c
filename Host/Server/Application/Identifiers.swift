import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Record ids that sort by creation time: `prefix_` + 12 hex digits of
/// milliseconds since 1970 + 16 random hex digits. Sorting by id is paging by age.
enum Identifiers {
    static func make(_ prefix: String) -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let milliseconds = UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
        return prefix + "_" + hex(milliseconds, digits: 12) + hex(UInt64.random(in: .min ... .max), digits: 16)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
    }
}
