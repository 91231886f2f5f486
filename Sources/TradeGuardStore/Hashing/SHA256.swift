/// SHA-256 (FIPS 180-4) in plain Swift, so the audit chain needs no crypto library.
/// One-shot: `SHA256.hash(bytes)`; incremental: `var h = SHA256(); h.update(a); h.update(b);
/// h.finalize()`.
///
/// Written for speed as well as clarity (the seeder and `check` hash tens of millions of
/// events): the state lives in plain stored words, the partial block in an inline 64-byte
/// buffer, and the message schedule on the stack — no heap allocation per block.
public struct SHA256: Sendable {
    public static let digestByteCount = 32
    static let blockByteCount = 64

    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// Fewer than 64 bytes waiting for a full block (the first `pendingCount` bytes).
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    private var byteCount: UInt64 = 0

    public init() {}

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    public static func hash(_ text: String) -> [UInt8] { hash(Array(text.utf8)) }

    /// Lowercase hexadecimal, two digits per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) { update(Array(text.utf8)) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var count = bytes.count
        var input = base
        byteCount &+= UInt64(count)
        if pendingCount > 0 {
            let take = min(Self.blockByteCount - pendingCount, count)
            let filled = pendingCount
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.advanced(by: filled).copyMemory(from: input, byteCount: take)
            }
            pendingCount += take
            input += take
            count -= take
            guard pendingCount == Self.blockByteCount else { return }
            let block = pending
            withUnsafeBytes(of: block) { compress($0.baseAddress!) }
            pendingCount = 0
        }
        while count >= Self.blockByteCount {  // whole blocks straight from the input
            compress(input)
            input += Self.blockByteCount
            count -= Self.blockByteCount
        }
        if count > 0 {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: input, byteCount: count) }
            pendingCount = count
        }
    }

    /// The digest of everything passed to update so far (this value is left unchanged, so
    /// more can be appended and finalized again).
    public func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, initialized in
            finalize(into: UnsafeMutableRawPointer(buffer.baseAddress!))
            initialized = Self.digestByteCount
        }
    }

    /// The digest written to `digest` (32 bytes), without allocating.
    public func finalize(into digest: UnsafeMutableRawPointer) {
        var copy = self
        let bitLength = byteCount &* 8
        // 0x80, zeros up to 56 mod 64, then the message length in bits, big-endian.
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let used = (pendingCount + 1) % Self.blockByteCount
        let tailCount = 1 + (56 - used + Self.blockByteCount) % Self.blockByteCount + 8
        withUnsafeMutableBytes(of: &tail) { t in
            t[0] = 0x80
            for i in 0..<8 { t[tailCount - 8 + i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(56 - 8 * i)) }
            copy.update(UnsafeRawBufferPointer(rebasing: t[0..<tailCount]))
        }
        precondition(copy.pendingCount == 0)
        digest.storeBytes(of: copy.h0.bigEndian, toByteOffset: 0, as: UInt32.self)
        digest.storeBytes(of: copy.h1.bigEndian, toByteOffset: 4, as: UInt32.self)
        digest.storeBytes(of: copy.h2.bigEndian, toByteOffset: 8, as: UInt32.self)
        digest.storeBytes(of: copy.h3.bigEndian, toByteOffset: 12, as: UInt32.self)
        digest.storeBytes(of: copy.h4.bigEndian, toByteOffset: 16, as: UInt32.self)
        digest.storeBytes(of: copy.h5.bigEndian, toByteOffset: 20, as: UInt32.self)
        digest.storeBytes(of: copy.h6.bigEndian, toByteOffset: 24, as: UInt32.self)
        digest.storeBytes(of: copy.h7.bigEndian, toByteOffset: 28, as: UInt32.self)
    }

    /// One 64-byte block into the state (FIPS 180-4 §6.2.2). Unrolled eight rounds at a time
    /// with the working variables renamed instead of shifted, the schedule kept as a rolling
    /// window of 16 words on the stack, and masking shifts (`&>>`, `&<<`) so every rotation is
    /// one instruction: about twice as fast as the textbook loop.
    private mutating func compress(_ block: UnsafeRawPointer) {
        var a = h0, b = h1, c = h2, d = h3
        var e = h4, f = h5, g = h6, h = h7
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { wb in
            let w = wb.baseAddress!
            for t in 0..<16 {
                w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
            }
            Self.k.withUnsafeBufferPointer { kb in
                let k = kb.baseAddress!
                var t = 0
                while true {
                    // Rounds t ..< t+16 use w[0..<16] (the words for those rounds).
                    var i = 0
                    while i < 16 {
                        Self.round(a, b, c, &d, e, f, g, &h, k[t &+ i] &+ w[i])
                        Self.round(h, a, b, &c, d, e, f, &g, k[t &+ i &+ 1] &+ w[i &+ 1])
                        Self.round(g, h, a, &b, c, d, e, &f, k[t &+ i &+ 2] &+ w[i &+ 2])
                        Self.round(f, g, h, &a, b, c, d, &e, k[t &+ i &+ 3] &+ w[i &+ 3])
                        Self.round(e, f, g, &h, a, b, c, &d, k[t &+ i &+ 4] &+ w[i &+ 4])
                        Self.round(d, e, f, &g, h, a, b, &c, k[t &+ i &+ 5] &+ w[i &+ 5])
                        Self.round(c, d, e, &f, g, h, a, &b, k[t &+ i &+ 6] &+ w[i &+ 6])
                        Self.round(b, c, d, &e, f, g, h, &a, k[t &+ i &+ 7] &+ w[i &+ 7])
                        i &+= 8
                    }
                    t &+= 16
                    if t == 64 { break }
                    // The next 16 schedule words, in place: w[j] becomes W[t + j].
                    for j in 0..<16 {
                        let x = w[(j &+ 1) & 15], y = w[(j &+ 14) & 15]
                        let s0 = Self.rotr(x, 7) ^ Self.rotr(x, 18) ^ (x &>> 3)
                        let s1 = Self.rotr(y, 17) ^ Self.rotr(y, 19) ^ (y &>> 10)
                        w[j] = w[j] &+ s0 &+ w[(j &+ 9) & 15] &+ s1
                    }
                }
            }
        }
        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }

    /// One round: the caller passes the working variables rotated, so only d and h change.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x &>> n | x &<< (32 &- n) }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}
