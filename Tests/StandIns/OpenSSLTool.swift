import Foundation

/// SHA-256 and HMAC-SHA-256 computed by the `openssl` command, so the
/// stand-ins check PKCE and sign webhooks with an implementation independent
/// of the connectors' own.
public enum OpenSSLTool {
    public static func sha256(_ input: [UInt8]) async throws -> [UInt8] {
        try await run(["dgst", "-sha256", "-binary"], input: input)
    }

    public static func hmacSHA256(_ input: [UInt8], key: [UInt8]) async throws -> [UInt8] {
        let hexKey = key.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return try await run(["dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:\(hexKey)", "-binary"], input: input)
    }

    /// The S256 code challenge of a PKCE verifier (RFC 7636 §4.2).
    public static func pkceChallenge(_ verifier: String) async throws -> String {
        base64url(try await sha256(Array(verifier.utf8)))
    }

    /// Base64url without padding.
    public static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func run(_ arguments: [String], input: [UInt8]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            // Process I/O blocks; keep it off the concurrency pool.
            Thread.detachNewThread {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                    process.arguments = ["openssl"] + arguments
                    let stdin = Pipe()
                    let stdout = Pipe()
                    process.standardInput = stdin
                    process.standardOutput = stdout
                    try process.run()
                    stdin.fileHandleForWriting.write(Data(input))
                    try stdin.fileHandleForWriting.close()
                    let output = stdout.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    guard process.terminationStatus == 0 else { throw StandInError("openssl \(arguments[0]) failed with status \(process.terminationStatus)") }
                    continuation.resume(returning: Array(output))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
