import TradeGuardCLI
#if canImport(Glibc)
import Glibc
#endif
import Foundation

// The process's own streams and environment; everything else is the library's.
exit(Program.run(arguments: Array(CommandLine.arguments.dropFirst()), stdin: StandardInput(), stdout: StandardOutput(),
                 stderr: StandardError(), environment: ProcessInfo.processInfo.environment))
