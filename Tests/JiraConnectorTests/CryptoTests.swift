import AtlassianCloud
import Foundation
import StandIns
import Testing

/// The pure-Swift SHA-256 and HMAC the webhook check relies on, against the
/// published vectors (FIPS 180-2 examples, RFC 4231) and, for every length
/// around the padding boundaries, against the `openssl` command.
@Suite struct CryptoTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256Vectors(message: String, digest: String) {
        #expect(Self.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func sha256OfAMillionAsFedInPieces() {
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(Self.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256AgreesWithOpenSSLAroundEveryPaddingBoundary() async throws {
        for length in [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            #expect(SHA256.hash(message) == (try await OpenSSLTool.sha256(message)), "length \(length)")
        }
    }

    @Test(arguments: [
        (String(repeating: "0b", count: 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 20), [UInt8](repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (String(repeating: "aa", count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: String, data: [UInt8], mac: String) {
        #expect(Self.hex(HMACSHA256.authenticationCode(for: data, key: Self.bytes(key))) == mac)
    }

    @Test func rfc4231TruncatedCase() {
        let mac = HMACSHA256.authenticationCode(for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0c, count: 20))
        #expect(Self.hex(Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func hmacAgreesWithOpenSSLForKeysAroundTheBlockSize() async throws {
        let message = Array("{\"webhookEvent\":\"jira:issue_updated\"}".utf8)
        for keyLength in [1, 32, 63, 64, 65, 200] {
            let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
            #expect(HMACSHA256.authenticationCode(for: message, key: key) == (try await OpenSSLTool.hmacSHA256(message, key: key)), "key \(keyLength)")
        }
    }

    @Test func constantTimeComparison() {
        #expect(HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2]))
    }

    @Test func rfc7515HS256Example() throws {
        // RFC 7515 appendix A.1: the key, header and claims of the example JWS.
        let key = Base64URL.decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")!
        let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        let parts = token.split(separator: ".")
        let mac = HMACSHA256.authenticationCode(for: Array("\(parts[0]).\(parts[1])".utf8), key: key)
        #expect(Base64URL.encode(mac) == String(parts[2]))
    }

    @Test func base64URLRoundTripsAndRefusesOtherAlphabets() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xfe, 0x00, 0x3e]
        #expect(Base64URL.encode(bytes) == "-__-AD4")
        #expect(Base64URL.decode("-__-AD4") == bytes)
        #expect(Base64URL.decode("-__-AD4=") == bytes)
        #expect(Base64URL.decode("+//+AD4") == nil)
        #expect(Base64URL.decode("a.b") == nil)
    }
}
