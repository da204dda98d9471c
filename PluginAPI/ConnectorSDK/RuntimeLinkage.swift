import CImageInfo

/// How this plugin is linked to the Swift runtime.
enum RuntimeLinkage {
    /// True when the Swift standard library lives inside this image
    /// (`-static-stdlib`): then the plugin does not depend on the host's compiler.
    static let hasOwnSwiftRuntime: Bool = {
        let intMetadata = unsafeBitCast(Int.self as Any.Type, to: UnsafeRawPointer.self)
        return ucp_sdk_same_image(intMetadata, #dsohandle) == 1
    }()
}
