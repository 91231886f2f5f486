// swift-tools-version:6.0
// TradeGuard: one binary, one SQLite file. No package dependencies — Foundation plus the
// system libraries ncursesw and SQLite, reached through system-library targets.
import PackageDescription

// A release build carries the Swift runtime and Foundation inside the binary: loading and binding
// a dozen shared libraries (ICU among them) cost about 6 ms of every start, a fifth of the
// first-frame budget (DESIGN §7). Every module is compiled for it too, or the static Foundation
// would not bring in its own C parts. Debug builds (and `swift test`) stay dynamic, to link fast.
let staticRuntime: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
let staticRuntimeLink: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "TradeGuard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tradeguard", targets: ["tradeguard"]),
    ],
    targets: [
        // C libraries. `link` in each module map autolinks; no pkgConfig (SwiftPM drops its cflags).
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CTextWidth", path: "Sources/CTextWidth"),

        // The domain: pure values and functions, no I/O.
        .target(name: "TradeGuardCore", swiftSettings: staticRuntime),
        // SQLite: the one place where data lives and changes.
        .target(name: "TradeGuardStore", dependencies: ["TradeGuardCore", "CSQLite"], swiftSettings: staticRuntime),
        // What both front ends say and ask about each order action: the action catalogue.
        .target(name: "TradeGuardApplication", dependencies: ["TradeGuardCore"], swiftSettings: staticRuntime),
        // Terminal-independent UI: canvas, widgets, command registry, screens.
        .target(name: "TradeGuardUI", dependencies: ["TradeGuardCore", "TradeGuardStore", "TradeGuardApplication", "CTextWidth"],
                // The walkthrough scripts are embedded as string literals; the files are their source.
                exclude: ["Walkthrough/scripts"], swiftSettings: staticRuntime),
        // The ncurses back end only.
        .target(name: "TradeGuardTerminal", dependencies: ["TradeGuardUI", "CNCurses", "CTextWidth"], swiftSettings: staticRuntime),
        // The command line: argument parsing, subcommands, JSON, bench, the full-screen app's start.
        // `Program.run` takes its streams and environment, so tests call it in-process.
        .target(name: "TradeGuardCLI", dependencies: ["TradeGuardCore", "TradeGuardStore", "TradeGuardApplication", "TradeGuardUI", "TradeGuardTerminal"],
                swiftSettings: staticRuntime),
        // main.swift only: the process's streams and environment handed to `Program.run`.
        .executableTarget(
            name: "tradeguard",
            dependencies: ["TradeGuardCLI"],
            swiftSettings: staticRuntime, linkerSettings: staticRuntimeLink
        ),

        .testTarget(name: "TradeGuardCoreTests", dependencies: ["TradeGuardCore"]),
        .testTarget(name: "TradeGuardStoreTests", dependencies: ["TradeGuardStore", "TradeGuardCore"]),
        .testTarget(name: "TradeGuardCLITests", dependencies: ["TradeGuardCLI", "TradeGuardApplication", "TradeGuardStore", "TradeGuardCore"]),
        .testTarget(name: "TradeGuardUITests", dependencies: ["TradeGuardUI", "TradeGuardApplication", "TradeGuardCore", "TradeGuardStore"], exclude: ["Golden"]),
        .testTarget(name: "TradeGuardE2ETests", dependencies: ["TradeGuardTerminal", "TradeGuardUI", "TradeGuardCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
