import Foundation
import Testing
import TokenEncryption

/// Byte-for-byte agreement with Python `cryptography`'s Fernet (see `PythonFernet`).
@Suite("Interoperability with Python cryptography")
struct PythonInteropTests {
    /// Sizes around the AES block boundary, plus empty and a larger value.
    static let plaintexts: [[UInt8]] = [0, 1, 15, 16, 17, 31, 32, 33, 1000, 65_537].map { count in
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    @Test("Swift encrypts, Python decrypts")
    func swiftToPython() throws {
        let key = FernetKey.generate()
        let fernet = Fernet(key: key)
        let requests = Self.plaintexts.map {
            PythonFernet.Request(op: "decrypt", keys: [key.base64URL], token: fernet.encrypt($0))
        }
        let responses = try PythonFernet.run(requests)
        for (plaintext, response) in zip(Self.plaintexts, responses) {
            #expect(response.error == nil)
            #expect(response.plaintextBytes == plaintext, "\(plaintext.count) bytes")
        }
    }

    @Test("Python encrypts, Swift decrypts")
    func pythonToSwift() throws {
        let key = FernetKey.generate()
        let requests = Self.plaintexts.map {
            PythonFernet.Request(op: "encrypt", keys: [key.base64URL], plaintext: Data($0).base64EncodedString())
        }
        let responses = try PythonFernet.run(requests)
        for (plaintext, response) in zip(Self.plaintexts, responses) {
            let token = try #require(response.token)
            #expect(try Fernet(key: key).decrypt(token, ttl: .seconds(60)) == plaintext, "\(plaintext.count) bytes")
        }
    }

    @Test("fixed IV and time: Python's _encrypt_from_parts equals Swift's token exactly")
    func sameBytes() throws {
        let key = FernetKey.generate()
        let fernet = Fernet(key: key)
        let times = [0, 499_162_800, 1_700_000_000, 4_102_444_800]
        var cases: [(plaintext: [UInt8], time: Int, iv: [UInt8])] = []
        for (index, plaintext) in Self.plaintexts.enumerated() {
            var iv = [UInt8](repeating: 0, count: 16)
            for i in iv.indices { iv[i] = UInt8(truncatingIfNeeded: index * 17 + i * 13) }
            cases.append((plaintext, times[index % times.count], iv))
        }
        let requests = cases.map {
            PythonFernet.Request(
                op: "parts", keys: [key.base64URL], plaintext: Data($0.plaintext).base64EncodedString(),
                time: $0.time, iv: Data($0.iv).base64EncodedString())
        }
        let responses = try PythonFernet.run(requests)
        for (item, response) in zip(cases, responses) {
            let swiftToken = fernet.encrypt(item.plaintext, now: Date(timeIntervalSince1970: TimeInterval(item.time)), iv: item.iv)
            #expect(response.token == swiftToken, "\(item.plaintext.count) bytes at \(item.time)")
        }
    }

    @Test("Python refuses what Swift refuses: tampered token, wrong key, expired")
    func pythonRefusesBadTokens() throws {
        let key = FernetKey.generate()
        let issued = Date(timeIntervalSince1970: 1_700_000_000)
        let token = Fernet(key: key).encrypt(Array("secret".utf8), now: issued)
        var tampered = Array(token.utf8)
        tampered[30] = tampered[30] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let requests = [
            PythonFernet.Request(op: "decrypt", keys: [key.base64URL], token: String(decoding: tampered, as: UTF8.self)),
            PythonFernet.Request(op: "decrypt", keys: [FernetKey.generate().base64URL], token: token),
            PythonFernet.Request(op: "decrypt", keys: [key.base64URL], token: token, time: 1_700_000_061, ttl: 60),
            PythonFernet.Request(op: "decrypt", keys: [key.base64URL], token: token, time: 1_700_000_060, ttl: 60),
        ]
        let responses = try PythonFernet.run(requests)
        #expect(responses.map(\.error) == ["InvalidToken", "InvalidToken", "InvalidToken", nil])
        #expect(throws: TokenEncryptionError.self) {
            try Fernet(key: key).decrypt(String(decoding: tampered, as: UTF8.self))
        }
        #expect(throws: TokenEncryptionError.self) {
            try Fernet(key: key).decrypt(token, ttl: .seconds(60), now: Date(timeIntervalSince1970: 1_700_000_061))
        }
    }

    @Test("a token rotated by Python's MultiFernet decrypts with the Swift keyring, and back")
    func rotationInterop() throws {
        let old = FernetKey.generate()
        let new = FernetKey.generate()
        let ring = try FernetKeyring(keys: [new, old])
        let oldToken = Fernet(key: old).encrypt(Array("rotate me".utf8))
        let swiftRotated = try ring.reencrypt(oldToken)
        let responses = try PythonFernet.run([
            PythonFernet.Request(op: "rotate", keys: [new.base64URL, old.base64URL], token: oldToken),
            PythonFernet.Request(op: "decrypt", keys: [new.base64URL], token: swiftRotated),
        ])
        let pythonRotated = try #require(responses[0].token)
        #expect(ring.isEncryptedWithPrimary(pythonRotated))
        #expect(try ring.decrypt(pythonRotated) == Array("rotate me".utf8))
        #expect(responses[1].plaintextBytes == Array("rotate me".utf8))
    }
}
