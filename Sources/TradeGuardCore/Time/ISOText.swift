/// ISO-8601 text for dates and times, written digit by digit into a fixed buffer. The order
/// detail shows a timestamp per event and the title bar one per frame; string interpolation
/// with padding made these a noticeable part of opening an order.
public enum ISOText {
    /// "2026-11-27", then for a time "T09:30:00Z" (`zulu`) or " 09:30" (local, minutes).
    /// Years outside 0...9999 never reach here (see the callers).
    public static func format(_ date: CalendarDate, secondOfDay: Int64? = nil, zulu: Bool = false) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { out in
            func two(_ n: Int, at i: Int) {
                out[i] = UInt8(ascii: "0") + UInt8(n / 10 % 10)
                out[i + 1] = UInt8(ascii: "0") + UInt8(n % 10)
            }
            two(date.year / 100, at: 0)
            two(date.year % 100, at: 2)
            out[4] = UInt8(ascii: "-")
            two(date.month, at: 5)
            out[7] = UInt8(ascii: "-")
            two(date.day, at: 8)
            guard let secondOfDay else { return String(decoding: UnsafeBufferPointer(rebasing: out[..<10]), as: UTF8.self) }
            let s = Int(secondOfDay)
            out[10] = zulu ? UInt8(ascii: "T") : UInt8(ascii: " ")
            two(s / 3600, at: 11)
            out[13] = UInt8(ascii: ":")
            two(s / 60 % 60, at: 14)
            guard zulu else { return String(decoding: UnsafeBufferPointer(rebasing: out[..<16]), as: UTF8.self) }
            out[16] = UInt8(ascii: ":")
            two(s % 60, at: 17)
            out[19] = UInt8(ascii: "Z")
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<20]), as: UTF8.self)
        }
    }
}
