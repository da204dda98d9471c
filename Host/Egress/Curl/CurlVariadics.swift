import CCurl

#if canImport(Glibc)
import Glibc
#endif

/// Typed entry points for libcurl's variadic functions.
///
/// Swift does not import C variadic functions, and this target cannot carry C code,
/// so `curl_easy_setopt` and `curl_multi_setopt` are looked up once and called through
/// fixed-argument C function pointers, one type per argument kind (`long`, pointer,
/// `curl_off_t`). On the platforms the host supports this is exactly how the
/// variadic call is passed: on x86-64 System V a variadic callee reads integer and
/// pointer arguments from the same registers (it uses `%al` only to decide whether
/// to spill vector registers, and none are passed here); on AArch64 Linux variadic
/// arguments follow the normal convention. Each setter passes exactly one value of
/// the type curl's `va_arg` reads for that option.
/// (A typed `static inline` wrapper in the CCurl shim header would remove this file.)
enum CurlVariadics {
    typealias EasySetLong = @convention(c) (UnsafeMutableRawPointer?, CURLoption, Int) -> CURLcode
    typealias EasySetPointer = @convention(c) (UnsafeMutableRawPointer?, CURLoption, UnsafeRawPointer?) -> CURLcode
    typealias EasySetOffset = @convention(c) (UnsafeMutableRawPointer?, CURLoption, Int64) -> CURLcode
    typealias MultiSetLong = @convention(c) (UnsafeMutableRawPointer?, CURLMoption, Int) -> CURLMcode

    static let easySetLong = unsafeBitCast(symbol("curl_easy_setopt"), to: EasySetLong.self)
    static let easySetPointer = unsafeBitCast(symbol("curl_easy_setopt"), to: EasySetPointer.self)
    static let easySetOffset = unsafeBitCast(symbol("curl_easy_setopt"), to: EasySetOffset.self)
    static let multiSetLong = unsafeBitCast(symbol("curl_multi_setopt"), to: MultiSetLong.self)

    /// The address of `name` in the libcurl this module is linked against. The host
    /// executable links libcurl directly, so it is in the process's global scope;
    /// the soname is the fallback for a host that loads this module some other way.
    private static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        if let global = dlopen(nil, RTLD_NOW), let address = dlsym(global, name) { return address }
        if let image = dlopen("libcurl.so.4", RTLD_NOW | RTLD_NOLOAD), let address = dlsym(image, name) { return address }
        fatalError("libcurl is linked but \(name) cannot be found")
    }
}

/// `curl_global_init`, exactly once per process, before the first handle is made.
enum CurlGlobal {
    /// The result of the one call; a Swift global initialiser runs once, thread-safely.
    private static let initialised: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Makes sure libcurl is initialised; returns false if it could not be.
    static func ensureInitialised() -> Bool { initialised == CURLE_OK }
}
