import TestKit
import Testing

/// libmongoc logs on its own (URL warnings, topology changes). Its lines must
/// reach the host's log like any other, not raw stderr, and never show the
/// URL's credentials. Run in a child process: libmongoc's handler is
/// process-wide, so this process's other stores must not take the lines.
@Suite struct MongocLogTests {
    @Test func libmongocLinesGoThroughTheHostLogWithCredentialsMasked() async throws {
        let password = "hunter2secret"
        // libmongoc warns about an unknown URI option by name; here the name is the password.
        let url = "mongodb://bob:\(password)@127.0.0.1:1/app?\(password)=1&serverSelectionTimeoutMS=200"
        let output = try await ChildProcess.run(
            Repository.buildDirectory.appendingPathComponent("connector-host").path, ["keys", "rotate", "--env-file", "/nonexistent"],
            environment: ["MONGODB_URL": url, "ENCRYPTION_KEY": "J0AwVdjOlSXU4RxhgEK8DtCeTaEpW5ijhGv8yvCvCmI="])
        let everything = output.stdout + output.stderr
        #expect(output.status != 0, "nothing listens on port 1: \(everything)")
        let line = everything.split(separator: "\n").first { $0.contains("Unsupported URI option") }
        #expect(line?.contains("mongoc.domain") == true, "\(everything)")
        #expect(line?.contains("***") == true)
        #expect(!everything.contains(password))
        #expect(!everything.contains("WARNING:       mongoc:"), "libmongoc's own stderr format")
    }
}
