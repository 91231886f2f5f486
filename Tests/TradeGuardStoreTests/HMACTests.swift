import Testing
import TradeGuardStore

/// RFC 4231's HMAC-SHA-256 test cases 1–7 (case 5 compares the first 128 bits, as the RFC does).
@Suite struct HMACTests {
    private func mac(_ key: [UInt8], _ message: [UInt8]) -> String { SHA256.hex(HMACSHA256.authenticate(message, key: key)) }
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func case1() {
        #expect(mac([UInt8](repeating: 0x0b, count: 20), bytes("Hi There")) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func case2ShortKey() {
        #expect(mac(bytes("Jefe"), bytes("what do ya want for nothing?")) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func case3() {
        #expect(mac([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50))
            == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    @Test func case4() {
        #expect(mac(Array(1...25), [UInt8](repeating: 0xcd, count: 50)) == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    @Test func case5Truncated() {
        #expect(mac([UInt8](repeating: 0x0c, count: 20), bytes("Test With Truncation")).prefix(32) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func case6KeyLongerThanABlock() {
        #expect(mac([UInt8](repeating: 0xaa, count: 131), bytes("Test Using Larger Than Block-Size Key - Hash Key First"))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func case7LongKeyAndData() {
        let data = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
        #expect(mac([UInt8](repeating: 0xaa, count: 131), bytes(data)) == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    /// The precomputed pads are copied, not consumed: one instance gives the same answer twice.
    @Test func reusable() {
        let h = HMACSHA256(key: bytes("Jefe"))
        #expect(h.authenticate(bytes("abc")) == h.authenticate(bytes("abc")))
    }
}
