import Testing
@testable import TradeGuardStore

/// The chain pass's CanonicalWriter writes SeedEncoding's pieces byte for byte (a difference
/// would show as a broken chain on every check, but this names the piece).
struct CanonicalWriterTests {
    private static let integers: [Int64] = [0, 1, 9, 10, 11, 99, 100, 999_999, 1_000_000, 9_999_999, 10_000_000,
                                            -1, -9, -10, -1_234_567, Int64.max, Int64.min + 1, Int64.min]

    @Test func integersAndCodesAsSeedEncoding() {
        let writer = CanonicalWriter()
        for n in Self.integers {
            writer.reset()
            writer.putInteger(n)
            var expected: [UInt8] = []
            SeedEncoding.putInteger(n, &expected)
            #expect(Array(writer.bytes) == expected, "putInteger(\(n))")
            guard n > 0 else { continue }
            writer.reset()
            writer.putCode(n)
            expected = []
            SeedEncoding.putCode(n, &expected)
            #expect(Array(writer.bytes) == expected, "putCode(\(n))")
        }
    }

    @Test func piecesInARowAndGrowingPastItsFirstBuffer() {
        let writer = CanonicalWriter(capacity: 8)
        var expected: [UInt8] = []
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        writer.putTag(); SeedEncoding.putTag(&expected)
        for text in ["", "a", "supplier:acme", String(decoding: long, as: UTF8.self)] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { writer.put(bytes: $0); SeedEncoding.put(bytes: $0, &expected) }
            writer.putEmpty(); SeedEncoding.putEmpty(&expected)
        }
        writer.putCode(42); SeedEncoding.putCode(42, &expected)
        #expect(Array(writer.bytes) == expected)
    }
}
