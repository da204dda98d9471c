import CConnectorABI
import ConnectorModel

/// The ABI versions this host speaks and the facts it compares plugins against.
public enum HostABI {
    public static let minimum = ucp_type_version(major: UInt16(UCP_ABI_VERSION_MAJOR), minor: 0)
    public static let maximum = ucp_type_version(major: UInt16(UCP_ABI_VERSION_MAJOR), minor: UInt16(UCP_ABI_VERSION_MINOR))
    /// The compiler that built the host; Swift plugins sharing its runtime must match.
    public static let toolchain = Toolchain.current
    public static let entrySymbol = UCP_ENTRY_SYMBOL

    static var rangeDescription: String {
        "\(minimum.major).\(minimum.minor) to \(maximum.major).\(maximum.minor)"
    }
}
