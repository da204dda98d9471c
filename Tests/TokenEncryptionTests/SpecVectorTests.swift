import Foundation
import Testing
import TokenEncryption

@Suite("Fernet spec vectors")
struct SpecVectorTests {
    @Test("fixtures are present and non-empty")
    func fixturesPresent() throws {
        #expect(try !SpecVectors.generate().isEmpty)
        #expect(try !SpecVectors.verify().isEmpty)
        #expect(try SpecVectors.invalid().count >= 8)
    }

    @Test("generate.json: same token byte for byte", arguments: try SpecVectors.generate())
    func generate(_ vector: SpecVectors.Generate) throws {
        let fernet = Fernet(key: try FernetKey(base64URL: vector.secret))
        #expect(fernet.encrypt(Array(vector.src.utf8), now: vector.now, iv: vector.iv) == vector.token)
    }

    @Test("verify.json: decrypts with ttl at now", arguments: try SpecVectors.verify())
    func verify(_ vector: SpecVectors.Verify) throws {
        let fernet = Fernet(key: try FernetKey(base64URL: vector.secret))
        let plaintext = try fernet.decrypt(vector.token, ttl: .seconds(vector.ttl_sec), now: vector.now)
        #expect(plaintext == Array(vector.src.utf8))
    }

    /// What each vector's `desc` says the failure is; unknown descriptions only need a refusal.
    static let expectedCodes: [String: TokenEncryptionError.Code] = [
        "incorrect mac": .signatureMismatch,
        "too short": .invalidToken,
        "invalid base64": .invalidToken,
        "payload size not multiple of block size": .invalidToken,
        "payload padding error": .invalidPadding,
        "far-future TS (unacceptable clock skew)": .timestampInFuture,
        "expired TTL": .expired,
        "incorrect IV (causes padding error)": .invalidPadding,
    ]

    @Test("invalid.json: every token refused, for the stated reason", arguments: try SpecVectors.invalid())
    func invalid(_ vector: SpecVectors.Invalid) throws {
        let key = try FernetKey(base64URL: vector.secret)
        let error = #expect(throws: TokenEncryptionError.self) {
            _ = try Fernet(key: key).decrypt(vector.token, ttl: .seconds(vector.ttl_sec), now: vector.now)
        }
        if let expected = Self.expectedCodes[vector.desc] {
            #expect(error?.code == expected, "\(vector.desc): \(String(describing: error))")
        }
        // A keyring holding the same key must refuse it the same way.
        let ringError = #expect(throws: TokenEncryptionError.self) {
            _ = try FernetKeyring(keys: [FernetKey.generate(), key]).decrypt(
                vector.token, ttl: .seconds(vector.ttl_sec), now: vector.now)
        }
        #expect(ringError?.code == error?.code)
    }

    @Test("every invalid.json description has an expected code")
    func allDescriptionsKnown() throws {
        for vector in try SpecVectors.invalid() {
            #expect(Self.expectedCodes[vector.desc] != nil, "no expected code for \(vector.desc)")
        }
    }
}
