import CConnectorABI
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A plugin file mapped into the process through a private copy.
///
/// glibc returns the cached handle when the same path is opened twice, and
/// overwriting a mapped file crashes the process, so every load copies the file
/// to a unique private path and opens the copy. Images are opened with
/// RTLD_NODELETE: the Swift runtime keeps pointers into a Swift image's
/// metadata, so unmapping one would crash later (see docs/plugin-loading.md).
struct PluginImage: @unchecked Sendable {
    // @unchecked: `handle` is an opaque dlopen handle, only passed to dlsym.
    let handle: UnsafeMutableRawPointer
    let entry: ucp_on_register

    /// Copies `file` into `privateDirectory`, opens the copy and finds the entry point.
    static func open(_ file: String, privateDirectory: String) throws(PluginRefusal) -> PluginImage {
        try checkIsSharedObject(file)
        let copy = try privateCopy(of: file, in: privateDirectory)
        // The mapping outlives the name; removing it now leaves nothing behind after a crash.
        defer { unlink(copy) }
        guard let handle = dlopen(copy, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw PluginRefusal(.dlopen, field: "file", "dlopen failed: \(reason.replacingPrivatePath(copy, with: file))")
        }
        guard let symbol = dlsym(handle, HostABI.entrySymbol) else {
            throw PluginRefusal(.entry, field: "entry", "the file does not export \(HostABI.entrySymbol)")
        }
        return PluginImage(handle: handle, entry: unsafeBitCast(symbol, to: ucp_on_register.self))
    }

    /// Refuses anything but an ELF shared object before dlopen sees it.
    static func checkIsSharedObject(_ file: String) throws(PluginRefusal) {
        let descriptor = Glibc.open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PluginRefusal(.file, field: "file", "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 18)
        let count = read(descriptor, &header, header.count)
        guard count == header.count, header[0..<4] == [0x7F, 0x45, 0x4C, 0x46] else {
            throw PluginRefusal(.file, field: "file", "not an ELF shared object")
        }
        // e_type (little-endian on every platform we build for): 3 is ET_DYN.
        guard header[16] == 3, header[17] == 0 else {
            throw PluginRefusal(.file, field: "file", "an ELF file, but not a shared object (e_type \(header[16]))")
        }
    }

    private static let sequence = Atomic<Int>(0)

    private static func privateCopy(of file: String, in directory: String) throws(PluginRefusal) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? "plugin.so"
        let number = sequence.add(1, ordering: .relaxed).newValue
        let copy = "\(directory)/\(getpid())-\(number)-\(name)"
        guard copyFile(from: file, to: copy) else {
            throw PluginRefusal(.file, field: "file", "could not be copied for loading: \(String(cString: strerror(errno)))")
        }
        return copy
    }

    private static func copyFile(from source: String, to destination: String) -> Bool {
        let input = Glibc.open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return false }
        defer { close(input) }
        let output = Glibc.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o500)
        guard output >= 0 else { return false }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(input, &buffer, buffer.count)
            if count == 0 { return true }
            if count < 0 { return false }
            var written = 0
            while written < count {
                let result = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                if result <= 0 { return false }
                written += result
            }
        }
    }
}

extension String {
    fileprivate func replacingPrivatePath(_ copy: String, with original: String) -> String {
        replacing(copy, with: original)
    }
}
