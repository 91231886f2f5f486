/// Reads an strace log (`strace -f -y -e trace=write`) of the app running with a bench report
/// (`TRADEGUARD_BENCH_REPORT`): the report gets a `K …` line when the app takes a key, so the
/// trace itself says which writes to the terminal each key caused. Used by `bench` and by the
/// end-to-end test that holds every frame to one write.
public enum TerminalWriteTrace {
    /// For each key the app reported, the write() calls to a terminal (`/dev/pts/…`,
    /// `/dev/tty…`) from that report line to the next key's.
    public static func writesPerKey(trace: String) -> [Int] {
        var perKey: [Int] = []
        for line in trace.split(separator: "\n") {
            guard let call = line.range(of: "write(") else { continue }
            let rest = line[call.upperBound...]
            guard let open = rest.firstIndex(of: "<"), let close = rest.firstIndex(of: ">"), open < close else { continue }
            let path = rest[rest.index(after: open)..<close]
            if path.hasPrefix("/dev/pts/") || path.hasPrefix("/dev/tty") {
                if !perKey.isEmpty { perKey[perKey.count - 1] += 1 }
            } else if rest[close...].hasPrefix(">, \"K ") {
                perKey.append(0)
            }
        }
        return perKey
    }
}
