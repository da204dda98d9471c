import Foundation
import Testing
@testable import TokenEncryption

@Suite("FernetKey")
struct FernetKeyTests {
    static let specKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4="

    @Test("round-trips through base64URL")
    func roundTrip() throws {
        #expect(try FernetKey(base64URL: Self.specKey).base64URL == Self.specKey)
        let generated = FernetKey.generate()
        #expect(generated.base64URL.count == 44)
        #expect(generated.base64URL.hasSuffix("="))
        #expect(try FernetKey(base64URL: generated.base64URL).base64URL == generated.base64URL)
        #expect(FernetKey.generate().base64URL != generated.base64URL)
    }

    @Test(
        "refuses anything but 32 bytes of padded URL-safe base64",
        arguments: [
            "",
            "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4",  // unpadded
            "cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=",  // standard alphabet
            " cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=",  // whitespace
            "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e5=",  // non-canonical last character
            "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4Q==",  // 31 bytes
            "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4AAAA",  // 35 bytes
            "not a key at all",
        ])
    func refusesMalformed(_ text: String) {
        let error = #expect(throws: TokenEncryptionError.self) { try FernetKey(base64URL: text) }
        #expect(error?.code == .invalidKey)
        if !text.isEmpty {
            #expect(error.map { !String(describing: $0).contains(text) } ?? false)
        }
    }

    @Test("description, debugDescription, dump and errors never show the key")
    func neverPrinted() throws {
        let key = FernetKey.generate()
        let secret = key.base64URL
        let fragments = [secret, String(secret.prefix(12)), String(secret.dropFirst(16).prefix(12))]
        var dumped = ""
        dump(key, to: &dumped)
        var dumpedFernet = ""
        dump(Fernet(key: key), to: &dumpedFernet)
        let ring = try FernetKeyring(keys: [key])
        let texts = [
            String(describing: key), String(reflecting: key), "\(key)", dumped,
            String(describing: Fernet(key: key)), String(reflecting: Fernet(key: key)), dumpedFernet,
            String(describing: ring), String(reflecting: ring),
        ]
        for text in texts {
            for fragment in fragments {
                #expect(!text.contains(fragment), "\(text)")
            }
        }
        #expect(String(describing: key) == "FernetKey(redacted)")
    }

    @Test("Base64URL encodes like RFC 4648 §5 with padding")
    func base64RFCVectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8=")
        #expect(Base64URL.decode("-_8=") == [0xFB, 0xFF])
        #expect(Base64URL.decode("+/8=") == nil)
        #expect(Base64URL.decode("Zg") == nil)
        #expect(Base64URL.decode("Zh==") == nil)  // non-zero bits under the padding
        #expect(Base64URL.decode("Z===") == nil)
        #expect(Base64URL.decode("Zg=A") == nil)
        #expect(Base64URL.decode("Zm9v\n") == nil)
    }
}
