import Foundation
import Testing
import TokenEncryption

@Suite("FernetKeyring")
struct FernetKeyringTests {
    let old = FernetKey.generate()
    let new = FernetKey.generate()
    let message = Array("api-key-123".utf8)

    @Test("rotation: old tokens decrypt, reencrypt moves them to the primary")
    func rotation() throws {
        let oldToken = Fernet(key: old).encrypt(message)
        let ring = try FernetKeyring(keys: [new, old])
        #expect(ring.primary.base64URL == new.base64URL)
        #expect(try ring.decrypt(oldToken) == message)
        #expect(!ring.isEncryptedWithPrimary(oldToken))

        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let rotated = try ring.reencrypt(oldToken, now: now)
        #expect(ring.isEncryptedWithPrimary(rotated))
        #expect(try Fernet(key: new).decrypt(rotated) == message)
        #expect(try Fernet.unverifiedTimestamp(of: rotated) == now)
        #expect(throws: TokenEncryptionError.self) { try Fernet(key: old).decrypt(rotated) }

        #expect(ring.isEncryptedWithPrimary(ring.encrypt(message)))
        #expect(!ring.isEncryptedWithPrimary("not a token"))
        #expect(!ring.isEncryptedWithPrimary(Fernet(key: .generate()).encrypt(message)))
    }

    @Test("a token from a key not in the ring is refused; reencrypt refuses it too")
    func unknownKey() throws {
        let ring = try FernetKeyring(keys: [new, old])
        let stranger = Fernet(key: .generate()).encrypt(message)
        let error = #expect(throws: TokenEncryptionError.self) { try ring.decrypt(stranger) }
        #expect(error?.code == .signatureMismatch)
        #expect(throws: TokenEncryptionError.self) { try ring.reencrypt(stranger) }
    }

    @Test("ttl and future-timestamp checks apply to whichever key made the token")
    func timeChecks() throws {
        let ring = try FernetKeyring(keys: [new, old])
        let issued = Date(timeIntervalSince1970: 1_700_000_000)
        let token = Fernet(key: old).encrypt(message, now: issued)
        #expect(try ring.decrypt(token, ttl: .seconds(30), now: issued + 30) == message)
        let expired = #expect(throws: TokenEncryptionError.self) { try ring.decrypt(token, ttl: .seconds(30), now: issued + 31) }
        #expect(expired?.code == .expired)
        let future = #expect(throws: TokenEncryptionError.self) { try ring.decrypt(token, ttl: .seconds(30), now: issued - 61) }
        #expect(future?.code == .timestampInFuture)
    }

    @Test("ENCRYPTION_KEY: several keys, whitespace tolerated, first is primary")
    func environmentValue() throws {
        let ring = try FernetKeyring(environmentValue: "  \(new.base64URL) ,\n\t\(old.base64URL)\n")
        #expect(ring.keys.map(\.base64URL) == [new.base64URL, old.base64URL])
        #expect(try FernetKeyring(environmentValue: old.base64URL).keys.count == 1)
        #expect(String(describing: ring) == "FernetKeyring(2 keys)")
    }

    @Test("malformed ENCRYPTION_KEY values: position named, key text never shown")
    func malformedEnvironmentValue() throws {
        let good = new.base64URL
        let almost = String(old.base64URL.dropLast())  // unpadded: close to a real key
        let cases: [(value: String, code: TokenEncryptionError.Code, message: String)] = [
            ("", .emptyKeyring, "ENCRYPTION_KEY holds no keys"),
            (" , \n", .emptyKeyring, "ENCRYPTION_KEY holds no keys"),
            ("\(good),\(almost),\(good)", .invalidKey, "key 2 of 3 is not 32 bytes of URL-safe base64"),
            ("\(almost)", .invalidKey, "key 1 of 1 is not 32 bytes of URL-safe base64"),
            ("\(good),", .invalidKey, "key 2 of 2 is empty"),
            ("\(good),,\(good)", .invalidKey, "key 2 of 3 is empty"),
            ("\(good);\(good)", .invalidKey, "key 1 of 1 is not 32 bytes of URL-safe base64"),
        ]
        for item in cases {
            let error = #expect(throws: TokenEncryptionError.self) { try FernetKeyring(environmentValue: item.value) }
            #expect(error?.code == item.code)
            #expect(error?.message.hasPrefix(item.message) == true, "\(String(describing: error))")
            let text = error.map { String(describing: $0) + String(reflecting: $0) } ?? ""
            #expect(!text.contains(good))
            #expect(!text.contains(almost))
            #expect(!text.contains(String(good.prefix(10))))
        }
    }

    @Test("an empty key list is refused")
    func emptyKeys() {
        let error = #expect(throws: TokenEncryptionError.self) { try FernetKeyring(keys: []) }
        #expect(error?.code == .emptyKeyring)
    }
}
