import Foundation

/// Python `cryptography`'s Fernet, driven through `/usr/bin/python3`, as an independent
/// implementation to compare with. Debian's `python3-cryptography` must be installed; if it is
/// not, every call throws `PythonFernet.Unavailable`, so interop tests fail instead of
/// silently passing.
enum PythonFernet {
    static let interpreter = "/usr/bin/python3"

    struct Unavailable: Error, CustomStringConvertible {
        let reason: String
        var description: String {
            "Python interop needs \(PythonFernet.interpreter) with Debian's python3-cryptography "
                + "(apt-get install -y python3-cryptography): \(reason)"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One request to the Python side. Bytes travel as standard base64 to keep JSON simple.
    struct Request: Encodable {
        var op: String  // "encrypt", "decrypt", "parts", "rotate"
        var keys: [String]
        var plaintext: String? = nil
        var token: String? = nil
        var time: Int? = nil
        var iv: String? = nil
        var ttl: Int? = nil
    }

    struct Response: Decodable {
        var token: String?
        var plaintext: String?
        var error: String?

        var plaintextBytes: [UInt8]? { plaintext.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }
    }

    /// Runs all `requests` in one interpreter and returns one response per request.
    static func run(_ requests: [Request]) throws -> [Response] {
        guard FileManager.default.isExecutableFile(atPath: interpreter) else {
            throw Unavailable(reason: "\(interpreter) does not exist")
        }
        // Requests go through a file, not stdin: if python exits before reading (say, the
        // import fails), writing to its stdin would kill this test process with SIGPIPE.
        let requestFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("fernet-interop-\(UUID().uuidString).json")
        try JSONEncoder().encode(requests).write(to: requestFile)
        defer { try? FileManager.default.removeItem(at: requestFile) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-c", script, requestFile.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both outputs are small; stderr is read after stdout closes.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0:
            let responses = try JSONDecoder().decode([Response].self, from: stdout)
            guard responses.count == requests.count else {
                throw Failure(description: "python answered \(responses.count) of \(requests.count) requests")
            }
            return responses
        case 3:
            throw Unavailable(reason: stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        default:
            throw Failure(description: "python exited with \(process.terminationStatus): \(stderr)")
        }
    }

    private static let script = #"""
        import base64, json, sys
        try:
            from cryptography.fernet import Fernet, MultiFernet, InvalidToken
        except ImportError as error:
            print("cannot import cryptography.fernet: %s" % error, file=sys.stderr)
            sys.exit(3)

        def answer(request):
            ring = MultiFernet([Fernet(k.encode()) for k in request["keys"]])
            first = Fernet(request["keys"][0].encode())
            op = request["op"]
            if op == "encrypt":
                return {"token": first.encrypt(base64.b64decode(request["plaintext"])).decode()}
            if op == "parts":
                data = base64.b64decode(request["plaintext"])
                iv = base64.b64decode(request["iv"])
                return {"token": first._encrypt_from_parts(data, request["time"], iv).decode()}
            if op == "rotate":
                return {"token": ring.rotate(request["token"].encode()).decode()}
            if op == "decrypt":
                try:
                    if request.get("ttl") is not None:
                        data = ring.decrypt_at_time(request["token"].encode(), request["ttl"], request["time"])
                    else:
                        data = ring.decrypt(request["token"].encode())
                except InvalidToken:
                    return {"error": "InvalidToken"}
                return {"plaintext": base64.b64encode(data).decode()}
            raise ValueError("unknown op " + op)

        with open(sys.argv[1]) as requests_file:
            requests = json.load(requests_file)
        json.dump([answer(r) for r in requests], sys.stdout)
        """#
}
