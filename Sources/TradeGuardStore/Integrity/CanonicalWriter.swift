/// The chain's canonical bytes of one event (ChainVerifier's fast path), written into one
/// buffer kept for the whole pass: the pieces of `SeedEncoding`, byte for byte, without an
/// array's checks and growth on every append (a dozen appends per event, every event).
/// A class so the buffer is freed with it; one per verifier, never shared.
final class CanonicalWriter {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// What was written since the last `reset`, valid until the next write.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    func reset() { count = 0 }

    @inline(__always)
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let next = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        next.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = next
        capacity = grown
    }

    @inline(__always)
    private func byte(_ b: UInt8) {
        reserve(1)
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    private static let tag = Array("tg-event-v1".utf8)

    /// SeedEncoding.putTag.
    func putTag() { Self.tag.withUnsafeBytes { raw($0) } }

    @inline(__always)
    private func raw(_ b: UnsafeRawBufferPointer) {
        guard b.count > 0 else { return }
        reserve(b.count)
        (base + count).copyMemory(from: b.baseAddress!, byteCount: b.count)
        count += b.count
    }

    /// SeedEncoding.put(bytes:): the length, ":", the bytes.
    @inline(__always)
    func put(bytes b: UnsafeRawBufferPointer) {
        decimal(UInt64(b.count))
        byte(UInt8(ascii: ":"))
        raw(b)
    }

    /// SeedEncoding.putEmpty: "0:".
    func putEmpty() {
        byte(UInt8(ascii: "0"))
        byte(UInt8(ascii: ":"))
    }

    /// SeedEncoding.putCode: `TG-` and the number left-padded with zeros to at least seven digits.
    func putCode(_ number: Int64) {
        let magnitude = UInt64(number)
        let digits = Self.digits(magnitude)
        let padded = max(7, digits)
        decimal(UInt64(3 + padded))
        byte(UInt8(ascii: ":"))
        byte(UInt8(ascii: "T")); byte(UInt8(ascii: "G")); byte(UInt8(ascii: "-"))
        for _ in 0..<(padded - digits) { byte(UInt8(ascii: "0")) }
        decimal(magnitude, digits: digits)
    }

    /// SeedEncoding.putInteger: `String(value)` as a length-prefixed field.
    func putInteger(_ value: Int64) {
        let magnitude = value.magnitude
        let digits = Self.digits(magnitude)
        decimal(UInt64(digits + (value < 0 ? 1 : 0)))
        byte(UInt8(ascii: ":"))
        if value < 0 { byte(UInt8(ascii: "-")) }
        decimal(magnitude, digits: digits)
    }

    @inline(__always)
    private static func digits(_ value: UInt64) -> Int {
        var n = 1
        var v = value
        while v >= 10 { v /= 10; n += 1 }
        return n
    }

    /// The value in decimal, no sign, no padding.
    @inline(__always)
    private func decimal(_ value: UInt64) {
        if value < 10 { byte(UInt8(ascii: "0") &+ UInt8(value)); return }
        decimal(value, digits: Self.digits(value))
    }

    /// The same, its digit count known (counting divides once per digit).
    @inline(__always)
    private func decimal(_ value: UInt64, digits n: Int) {
        reserve(n)
        var v = value
        var i = count + n
        while i > count {
            i -= 1
            base.storeBytes(of: UInt8(ascii: "0") &+ UInt8(v % 10), toByteOffset: i, as: UInt8.self)
            v /= 10
        }
        count += n
    }
}
