import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the program writes text: the process's stdout or stderr, or a buffer in tests.
public protocol ProgramOutput: AnyObject {
    func write(_ text: String)
    /// Pushes buffered text out now.
    func flush()
    /// True when a person watches it on a terminal: progress lines are drawn only then.
    var isTerminal: Bool { get }
}

/// Where the program reads bytes from (`draft --json -`): the process's stdin, or bytes in tests.
public protocol ProgramInput: AnyObject {
    /// Up to `count` bytes; empty at the end of the input.
    func read(upTo count: Int) throws -> [UInt8]
}

/// The process's stdout, buffered by the C library as `print` is (a listing of a million
/// orders must not cost a system call per line); `flush` pushes it out.
public final class StandardOutput: ProgramOutput {
    public init() {}
    public func write(_ text: String) { print(text, terminator: "") }
    public func flush() { fflush(nil) }   // nil: every output stream (Glibc's stdout is a mutable global)
    public var isTerminal: Bool { isatty(1) == 1 }
}

/// The process's stderr, written straight to file descriptor 2, unbuffered, so errors appear
/// even if the process ends at once.
public final class StandardError: ProgramOutput {
    public init() {}

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    public func flush() {}
    public var isTerminal: Bool { isatty(2) == 1 }
}

/// The process's stdin, read with `read(2)` (no buffering of our own: what is not read stays
/// for the next reader).
public final class StandardInput: ProgramInput {
    public init() {}

    public func read(upTo count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let n = Glibc.read(0, &buffer, count)
            if n >= 0 { return Array(buffer[0..<n]) }
            if errno != EINTR { throw InputError(reason: String(cString: strerror(errno))) }
        }
    }
}

/// A read from the input failed; `reason` is the system's words.
public struct InputError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

/// Text collected in memory: what a command wrote, for a test to read. Thread-safe, so a
/// command's helpers may write from any thread.
public final class CapturedOutput: ProgramOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""
    public let isTerminal: Bool

    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public var text: String { lock.withLock { collected } }
    public func write(_ text: String) { lock.withLock { collected += text } }
    public func flush() {}
}

/// Fixed bytes as the input: what a test pipes in.
public final class GivenInput: ProgramInput, @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: ArraySlice<UInt8>

    public init(_ bytes: [UInt8]) { remaining = bytes[...] }
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }

    public func read(upTo count: Int) throws -> [UInt8] {
        lock.withLock {
            let chunk = remaining.prefix(count)
            remaining = remaining.dropFirst(chunk.count)
            return Array(chunk)
        }
    }
}
