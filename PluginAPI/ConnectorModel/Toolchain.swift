/// The compiler that built this module, as "swift-MAJOR.MINOR.PATCH".
///
/// Swift has no stable ABI on Linux between compiler versions, so a plugin that
/// shares the host's Swift runtime must come from the same compiler. Swift offers
/// no compile-time version string, hence the ladder; a newer compiler reports
/// itself as newer than the top rung and is refused until this file learns it.
public enum Toolchain {
    public static let current: String = {
        #if compiler(>=6.4)
        return "swift-6.4-or-newer"
        #elseif compiler(>=6.3.5)
        return "swift-6.3.5"
        #elseif compiler(>=6.3.4)
        return "swift-6.3.4"
        #elseif compiler(>=6.3.3)
        return "swift-6.3.3"
        #elseif compiler(>=6.3.2)
        return "swift-6.3.2"
        #elseif compiler(>=6.3.1)
        return "swift-6.3.1"
        #elseif compiler(>=6.3.0)
        return "swift-6.3.0"
        #elseif compiler(>=6.2.4)
        return "swift-6.2.4"
        #elseif compiler(>=6.2.3)
        return "swift-6.2.3"
        #elseif compiler(>=6.2.2)
        return "swift-6.2.2"
        #elseif compiler(>=6.2.1)
        return "swift-6.2.1"
        #elseif compiler(>=6.2.0)
        return "swift-6.2.0"
        #elseif compiler(>=6.1.2)
        return "swift-6.1.2"
        #elseif compiler(>=6.1.1)
        return "swift-6.1.1"
        #elseif compiler(>=6.1.0)
        return "swift-6.1.0"
        #elseif compiler(>=6.0.3)
        return "swift-6.0.3"
        #elseif compiler(>=6.0.2)
        return "swift-6.0.2"
        #elseif compiler(>=6.0.1)
        return "swift-6.0.1"
        #elseif compiler(>=6.0.0)
        return "swift-6.0.0"
        #else
        return "swift-older-than-6"
        #endif
    }()
}
