import Foundation

/// Byte-range equality for the per-row comparisons of `check`: the length, then one `memcmp`.
/// The generic `elementsEqual` these replace walked both sides through iterators, byte by byte,
/// and it ran for every text column of every stored row and event.
enum ByteCompare {
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        return a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    /// Whether `text`'s UTF-8 is exactly `bytes`.
    @inline(__always)
    static func equal(_ text: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { equal(UnsafeRawBufferPointer($0), bytes) }
            ?? text.utf8.elementsEqual(bytes)
    }

    /// Whether `array` is exactly `bytes`.
    @inline(__always)
    static func equal(_ array: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        array.withUnsafeBytes { equal($0, bytes) }
    }
}
