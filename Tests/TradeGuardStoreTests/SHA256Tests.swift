import Testing
import TradeGuardStore

@Suite struct SHA256Tests {
    private func hex(_ text: String) -> String { SHA256.hex(SHA256.hash(text)) }

    /// Bytes (i*31+7) mod 256: the messages whose digests were taken with `sha256sum`.
    private func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test func nistEmpty() {
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func nistABC() {
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func nist448Bits() {
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func nist896Bits() {
        let m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(hex(m) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func nistMillionA() {
        let digest = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(SHA256.hex(digest) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func millionAInUnevenChunks() {
        var h = SHA256()
        var left = 1_000_000
        var size = 1
        while left > 0 {
            let n = min(size, left)
            h.update([UInt8](repeating: UInt8(ascii: "a"), count: n))
            left -= n
            size = size * 3 % 1_000 + 1
        }
        #expect(SHA256.hex(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Digests from `sha256sum` at test-writing time, around the padding boundaries (55 bytes
    /// fit one block with the length, 56 need a second; 64 is a whole block).
    @Test(arguments: [
        (1, "ca358758f6d27e6cf45272937977a748fd88391db679ceda7dc7bf1f005ee879"),
        (55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"),
        (56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"),
        (57, "5b46e502092be01b1100193e089fdda95638c12e19a1d24f308eb2c3d3ae849d"),
        (63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"),
        (64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"),
        (65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"),
        (119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"),
        (120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"),
        (121, "614571410beab3df68d50132a341d338575653da8374c630441bbe380b9b3136"),
        (127, "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d"),
        (128, "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356"),
        (130, "1c7c3b5eee94d4fa8b41754b89153e50491838d0d3e49b0273d6f12cae12e387"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(SHA256.hex(SHA256.hash(pattern(length))) == expected)
    }

    @Test func incrementalSplitAtEveryOffsetMatchesOneShot() {
        let message = pattern(130)
        let oneShot = SHA256.hash(message)
        for split in 0..<130 {
            var h = SHA256()
            h.update(Array(message[..<split]))
            h.update(Array(message[split...]))
            #expect(h.finalize() == oneShot, "split at \(split)")
        }
    }

    @Test func incrementalByteAtATime() {
        let message = pattern(130)
        var h = SHA256()
        for b in message { h.update([b]) }
        #expect(h.finalize() == SHA256.hash(message))
    }

    @Test func finalizeLeavesStateUsable() {
        var h = SHA256()
        h.update("ab")
        #expect(SHA256.hex(h.finalize()) == hex("ab"))
        h.update("c")
        #expect(SHA256.hex(h.finalize()) == hex("abc"))
    }

    @Test func hexIsLowercaseTwoDigitsPerByte() {
        #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256.hex([]) == "")
        #expect(SHA256.hash([]).count == 32)
    }
}
