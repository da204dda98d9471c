import Foundation
import Testing
import TokenEncryption

@Suite("Fernet token checks")
struct FernetTests {
    let key = FernetKey.generate()
    var fernet: Fernet { Fernet(key: key) }
    let issued = Date(timeIntervalSince1970: 1_700_000_000)
    let message = Array("refresh-token-value".utf8)

    @Test("round trip, with a fresh IV each time")
    func roundTrip() throws {
        let first = fernet.encrypt(message, now: issued)
        let second = fernet.encrypt(message, now: issued)
        #expect(first != second)
        #expect(try fernet.decrypt(first) == message)
        #expect(try fernet.decrypt(fernet.encrypt([])) == [])
        #expect(try Fernet.unverifiedTimestamp(of: first) == issued)
    }

    @Test("ttl: accepted up to ttl old, expired after; fractional now rounds down")
    func ttlExpiry() throws {
        let token = fernet.encrypt(message, now: issued)
        #expect(try fernet.decrypt(token, ttl: .seconds(60), now: issued + 60) == message)
        #expect(try fernet.decrypt(token, ttl: .seconds(60), now: issued + 60.999) == message)
        let error = #expect(throws: TokenEncryptionError.self) {
            try fernet.decrypt(token, ttl: .seconds(60), now: issued + 61)
        }
        #expect(error?.code == .expired)
        #expect(try fernet.decrypt(token, ttl: .seconds(3600), now: issued + 61) == message)
        // Without a ttl, age is not checked.
        #expect(try fernet.decrypt(token, now: issued + 10 * 365 * 86_400) == message)
    }

    @Test("future timestamps: up to 60 s of clock skew allowed when a ttl is given")
    func futureTimestamp() throws {
        let token = fernet.encrypt(message, now: issued)
        #expect(try fernet.decrypt(token, ttl: .seconds(60), now: issued - 60) == message)
        let error = #expect(throws: TokenEncryptionError.self) {
            try fernet.decrypt(token, ttl: .seconds(60), now: issued - 61)
        }
        #expect(error?.code == .timestampInFuture)
        // Without a ttl a stored token stays readable after the clock steps back.
        #expect(try fernet.decrypt(token, now: issued - 3600) == message)
    }

    @Test("wrong key and altered bytes fail the HMAC check")
    func signature() throws {
        let token = fernet.encrypt(message, now: issued)
        let other = Fernet(key: .generate())
        let wrongKey = #expect(throws: TokenEncryptionError.self) { try other.decrypt(token) }
        #expect(wrongKey?.code == .signatureMismatch)
        var bytes = try #require(Data(base64Encoded: Self.standard(token)))
        for index in [9, 30, bytes.count - 1] {
            var altered = bytes
            altered[index] ^= 0x01
            let error = #expect(throws: TokenEncryptionError.self) { try fernet.decrypt(Self.urlSafe(altered)) }
            #expect(error?.code == .signatureMismatch, "byte \(index)")
        }
        bytes[0] = 0x81
        let versionError = #expect(throws: TokenEncryptionError.self) { try fernet.decrypt(Self.urlSafe(bytes)) }
        #expect(versionError?.code == .invalidToken)
    }

    @Test("encoding: padding required, URL-safe alphabet only, no whitespace")
    func encodingRules() throws {
        // 20 bytes of plaintext give a 105-byte token, whose base64 ends in one '='.
        let token = fernet.encrypt(Array(repeating: 7, count: 20), now: issued)
        #expect(token.hasSuffix("="))
        let variants = [
            String(token.dropLast()),  // unpadded
            Self.standard(token),  // '+' and '/' (if the token has any '-' or '_')
            token + "\n",
            " " + token,
            "",
        ]
        for variant in variants where variant != token {
            let error = #expect(throws: TokenEncryptionError.self) { try fernet.decrypt(variant) }
            #expect(error?.code == .invalidToken)
        }
    }

    @Test("errors never contain the plaintext or the key")
    func errorsAreClean() throws {
        let token = fernet.encrypt(message, now: issued)
        let errors = [
            #expect(throws: TokenEncryptionError.self) { try Fernet(key: .generate()).decrypt(token) },
            #expect(throws: TokenEncryptionError.self) { try fernet.decrypt(token, ttl: .seconds(1), now: issued + 5) },
            #expect(throws: TokenEncryptionError.self) { try fernet.decrypt(token, ttl: .seconds(1), now: issued - 500) },
            #expect(throws: TokenEncryptionError.self) { try fernet.decrypt("gAAA" + token) },
        ].compactMap { $0 }
        #expect(errors.count == 4)
        for error in errors {
            let text = String(describing: error) + String(reflecting: error)
            #expect(!text.contains(String(decoding: message, as: UTF8.self)))
            #expect(!text.contains(key.base64URL))
            #expect(!text.contains(token))
        }
    }

    static func standard(_ urlSafe: String) -> String {
        urlSafe.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    }

    static func urlSafe(_ bytes: Data) -> String {
        bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }
}
