import Foundation
import TradeGuardTerminal

/// What one person-like session measures: the keys a sales desk presses all day, each timed
/// inside the app and its bytes counted on the terminal.
struct SessionSamples {
    var coldFirstFrameMs = Double.nan
    var warmFirstFrameMs = Double.nan
    var move: [BenchChild.Press] = []
    var page: [BenchChild.Press] = []
    var tab: [BenchChild.Press] = []
    var open: [BenchChild.Press] = []
    var back: [BenchChild.Press] = []
    var detailScroll: [BenchChild.Press] = []
    var filter: [BenchChild.Press] = []
    /// Moves in a live queue (Confirmations), where the hint bar follows the selected order's actions.
    var liveMove: [BenchChild.Press] = []
    /// Moves in the Orders tab with the detail pane open: the key's frame and the pane's.
    var paneMove: [BenchChild.Press] = []
    var peakResidentBytes = 0
}

/// One warm run: the app working the queue with the database in the OS cache. (Cold starts
/// are measured separately by `coldFirstFrame`: dropping the file from the cache right before
/// a warm session would make its keys read from disk.)
struct BenchSession {
    let binary: String
    let database: String
    let handle: String
    let rows: Int
    let cols: Int
    let scratch: String
    /// Where BenchChild traces keys and reports, or nil.
    let trace: ProgramOutput?
    /// Filter queries typed one character at a time: a product word, a buyer's name, a code.
    static let queries = ["towel", "Müller", "TG-00012"]

    enum Keys {
        static let down = "\u{1B}OB", pageDown = "\u{1B}[6~", tab = "\t", enter = "\r", back = "q", top = "g"
        static let ordersTab = "7", confirmationsTab = "4", filter = "/", escape = "\u{1B}", pane = "v"
    }

    /// exec -> first frame after the database's pages were dropped from the OS cache.
    func coldFirstFrame() throws -> Double {
        OSCache.drop(database)
        let cold = try BenchChild(binary: binary, database: database, handle: handle, rows: rows, cols: cols, scratch: scratch, trace: trace)
        _ = cold.quit()
        return cold.firstFrameMs
    }

    func run() throws -> SessionSamples {
        var samples = SessionSamples()
        let app = try BenchChild(binary: binary, database: database, handle: handle, rows: rows, cols: cols, scratch: scratch, trace: trace)
        samples.warmFirstFrameMs = app.firstFrameMs
        _ = try app.press(Keys.ordersTab)          // the biggest queue: every order
        for _ in 0..<150 { samples.move.append(try app.press(Keys.down)) }
        for _ in 0..<40 { samples.page.append(try app.press(Keys.pageDown)) }
        _ = try app.press(Keys.top)
        // Three and a half times round the supplier's eight tabs: this ends in Drafts, two past
        // Orders, and the filters below are typed in that work queue (issue 19).
        for _ in 0..<28 { samples.tab.append(try app.press(Keys.tab)) }
        for _ in 0..<20 {
            samples.open.append(try app.press(Keys.enter))
            for _ in 0..<3 { samples.detailScroll.append(try app.press(Keys.down)) }
            samples.back.append(try app.press(Keys.back))
            _ = try app.press(Keys.down)
        }
        for query in Self.queries {
            _ = try app.press(Keys.filter)
            for character in query { samples.filter.append(try app.press(String(character))) }
            _ = try app.press(Keys.escape)
        }
        // 16 moves: the smallest cached database (10,000 orders) has 17 orders in this queue.
        _ = try app.press(Keys.confirmationsTab)
        for _ in 0..<16 { samples.liveMove.append(try app.press(Keys.down)) }
        _ = try app.press(Keys.ordersTab)
        _ = try app.press(Keys.pane)
        for _ in 0..<16 { samples.paneMove.append(try app.press(Keys.down, frames: 2)) }
        let end = app.quit()
        guard end.status == 0 else { throw BenchError("the app ended with status \(end.status) instead of 0 after Q") }
        samples.peakResidentBytes = end.peakResidentBytes
        return samples
    }
}

/// Drops a file's pages from the operating system's cache (posix_fadvise DONTNEED: no root
/// needed), so the next open reads from disk as after a reboot.
enum OSCache {
    /// Reads the whole file once, so the warm figures find it in the OS cache.
    static func warm(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    static func drop(_ path: String) {
        for suffix in ["", "-wal", "-shm"] {
            let fd = open(path + suffix, O_RDONLY)
            guard fd >= 0 else { continue }
            fdatasync(fd)
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
            close(fd)
        }
    }
}
