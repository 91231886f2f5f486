import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds, lists and chooses themes.
///
/// **Search order** for a theme `NAME` — the first `NAME.theme` found is the theme, even when it
/// is broken (then the error is reported rather than a later file silently used):
/// 1. `$XDG_CONFIG_HOME/tradeguard/themes/` — `$HOME/.config` when `XDG_CONFIG_HOME` is unset,
///    empty or not absolute (the XDG Base Directory rule);
/// 2. `PREFIX/share/tradeguard/themes/` — when the executable lives in a folder named `bin`,
///    `PREFIX` is that folder's parent (`/usr/local/bin/tradeguard` → `/usr/local/share/…`);
/// 3. `ROOT/themes/` — the package's own themes under `swift run`: `ROOT` is the nearest folder
///    above the executable that holds both `Package.swift` and `themes/` (or `packageRoot` when
///    given);
/// 4. the shipped themes, embedded in the binary (`EmbeddedThemes`): a release binary copied
///    anywhere still has all of them, and a user's file of the same name overrides one.
///
/// **Choosing** (`choose(flag:configured:)`): `--theme NAME` beats `TRADEGUARD_THEME` beats the
/// config file's `theme = …` beats `default`. A chosen theme that is missing or broken falls back
/// to the built-in default, and the selection carries the error so the app can warn.
///
/// **NO_COLOR**: any non-empty value turns colours off (https://no-color.org); themes then
/// resolve to attributes only.
///
/// The environment is injected — nothing here reads `ProcessInfo` except `live()`.
public struct ThemeCatalog: Sendable {
    public let environment: [String: String]
    public let executablePath: String?
    public let packageRoot: String?

    /// `packageRoot` nil: found by walking up from `executablePath` (step 3 above).
    public init(environment: [String: String], executablePath: String?, packageRoot: String? = nil) {
        self.environment = environment
        self.executablePath = executablePath
        self.packageRoot = packageRoot
    }

    /// The catalog for this process: its environment and its executable (symlinks resolved).
    public static func live() -> ThemeCatalog {
        ThemeCatalog(environment: ProcessInfo.processInfo.environment, executablePath: runningExecutable(), packageRoot: nil)
    }

    /// The running executable with symlinks resolved, from the kernel (`/proc/self/exe`).
    /// Not `Bundle.main`: Foundation's main bundle traps when the working directory cannot be
    /// read (a user whose current folder is another user's private one) — found running the app
    /// as `nobody` from a clone under a 0700 folder.
    static func runningExecutable() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4_096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        #endif
    }

    /// `NO_COLOR` is set to something non-empty.
    public var noColor: Bool { !(environment["NO_COLOR"] ?? "").isEmpty }

    /// The folders searched, in order (step 4, the built-in theme, is not a folder).
    public var searchPath: [ThemeDirectory] {
        var directories: [ThemeDirectory] = []
        func add(_ place: ThemePlace, _ path: String) {
            let clean = URL(fileURLWithPath: path).standardizedFileURL.path
            if !directories.contains(where: { $0.path == clean }) { directories.append(ThemeDirectory(place: place, path: clean)) }
        }
        if let config = configHome { add(.user, config + "/tradeguard/themes") }
        if let executablePath {
            let folder = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            if folder.lastPathComponent == "bin" {
                add(.installed, folder.deletingLastPathComponent().path + "/share/tradeguard/themes")
            }
        }
        if let root = packageRoot ?? executablePath.flatMap(Self.findPackageRoot(above:)) {
            add(.package, root + "/themes")
        }
        return directories
    }

    private var configHome: String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config" }
        return nil
    }

    /// The nearest folder above `executablePath` holding `Package.swift` and a `themes` folder.
    public static func findPackageRoot(above executablePath: String) -> String? {
        let files = FileManager.default
        var folder = URL(fileURLWithPath: executablePath).standardizedFileURL.deletingLastPathComponent()
        while true {
            var isFolder: ObjCBool = false
            if files.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
               files.fileExists(atPath: folder.appendingPathComponent("themes").path, isDirectory: &isFolder), isFolder.boolValue {
                return folder.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path || folder.path == "/" { return nil }
            folder = parent
        }
    }

    /// Where theme `name` would come from: the first file on the search path, else the
    /// built-in default for `default`, else nil.
    public func locate(name: String) -> (place: ThemePlace, path: String?)? {
        for directory in searchPath {
            let path = directory.path + "/" + name + ".theme"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { return (directory.place, path) }
        }
        return EmbeddedThemes.text(named: name) == nil ? nil : (.embedded, nil)
    }

    /// Theme `name` (a file name without `.theme`), parsed.
    public func load(name: String) throws(ThemeLoadError) -> Theme {
        guard Self.isValidName(name) else { throw .badName(name) }
        guard let (place, path) = locate(name: name) else {
            throw .notFound(name, searched: searchPath.map(\.path))
        }
        guard let path else {
            precondition(place == .embedded)
            if name == "default" { return Theme.builtInDefault }
            guard let text = EmbeddedThemes.text(named: name) else { throw .notFound(name, searched: searchPath.map(\.path)) }
            do { return try Theme.parse(text, file: "(built-in) \(name).theme") } catch { throw .invalid(error) }
        }
        let text = try Self.read(path)
        do {
            return try Theme.parse(text, file: path)
        } catch {
            throw .invalid(error)
        }
    }

    /// Every theme on the search path plus the built-in default, by name; where a name occurs
    /// more than once the earlier place wins. A broken file is listed with its problem.
    public func list() -> [ThemeInfo] {
        var found: [String: ThemeInfo] = [:]
        for directory in searchPath {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for entry in entries.sorted() where entry.hasSuffix(".theme") {
                let name = String(entry.dropLast(".theme".count))
                guard Self.isValidName(name), found[name] == nil else { continue }
                let path = directory.path + "/" + entry
                do {
                    let theme = try Theme.parse(try Self.read(path), file: path)
                    found[name] = ThemeInfo(name: name, title: theme.name, description: theme.description,
                                            place: directory.place, path: path, problem: nil)
                } catch let error as ThemeLoadError {
                    found[name] = ThemeInfo(name: name, title: name, description: "", place: directory.place,
                                            path: path, problem: error.description)
                } catch let error as ThemeError {
                    found[name] = ThemeInfo(name: name, title: name, description: "", place: directory.place,
                                            path: path, problem: error.description)
                } catch {
                    found[name] = ThemeInfo(name: name, title: name, description: "", place: directory.place,
                                            path: path, problem: "\(error)")
                }
            }
        }
        for (name, _) in EmbeddedThemes.all where found[name] == nil {
            guard let theme = try? load(name: name) else { continue }
            found[name] = ThemeInfo(name: name, title: theme.name, description: theme.description, place: .embedded, path: nil, problem: nil)
        }
        return found.values.sorted { $0.name < $1.name }
    }

    /// The theme to use: `flag` (`--theme`) beats `TRADEGUARD_THEME` beats `configured` (the
    /// config file's `theme = …`) beats `default`; empty values count as not given. A missing or
    /// broken choice gives the built-in default plus the error.
    public func choose(flag: String?, configured: String?) -> ThemeSelection {
        func given(_ value: String?) -> String? {
            guard let trimmed = value?.trimmingBlanks, !trimmed.isEmpty else { return nil }
            return trimmed
        }
        let (requested, source): (String, ThemeSelection.Source) =
            if let name = given(flag) { (name, .flag) }
            else if let name = given(environment["TRADEGUARD_THEME"]) { (name, .environment) }
            else if let name = given(configured) { (name, .config) }
            else { ("default", .standard) }
        do {
            return ThemeSelection(requested: requested, source: source, theme: try load(name: requested), error: nil, noColor: noColor)
        } catch {
            return ThemeSelection(requested: requested, source: source, theme: .builtInDefault, error: error, noColor: noColor)
        }
    }

    /// Letters, digits, `.`, `-`, `_`, starting with a letter or digit; at most 64 characters.
    public static func isValidName(_ name: String) -> Bool {
        func alphanumeric(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }
        guard let first = name.unicodeScalars.first, alphanumeric(first), name.unicodeScalars.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy { alphanumeric($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }

    static let maximumFileSize = 256 * 1024

    static func read(_ path: String) throws(ThemeLoadError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw .unreadable(path: path, reason: "not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot read it")
        }
        guard data.count <= maximumFileSize else {
            throw .unreadable(path: path, reason: "larger than \(maximumFileSize / 1024) KiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return text
    }
}

/// Where a theme was found.
public enum ThemePlace: String, Sendable, Hashable, CaseIterable {
    /// `$XDG_CONFIG_HOME/tradeguard/themes`
    case user
    /// `PREFIX/share/tradeguard/themes`
    case installed
    /// the package's `themes/` (under `swift run`)
    case package
    /// built into the binary
    case embedded
}

/// One folder of the search path.
public struct ThemeDirectory: Hashable, Sendable {
    public let place: ThemePlace
    public let path: String
}

/// A line of the theme list.
public struct ThemeInfo: Hashable, Sendable {
    /// The file name without `.theme`: what `--theme` takes.
    public let name: String
    /// `[meta] name`.
    public let title: String
    public let description: String
    public let place: ThemePlace
    /// nil for the built-in theme.
    public let path: String?
    /// Why the file cannot be used, as one line; nil when it parses.
    public let problem: String?
}

/// Why a theme could not be loaded. `description` is one line for the user.
public enum ThemeLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    case badName(String)
    case notFound(String, searched: [String])
    case unreadable(path: String, reason: String)
    case invalid(ThemeError)

    public var description: String {
        switch self {
        case .badName(let name):
            "bad theme name '\(name)' (letters, digits, '.', '-' and '_' only)"
        case .notFound(let name, let searched):
            "no theme '\(name)' (looked in \((searched + ["the built-in themes"]).joined(separator: ", ")))"
        case .unreadable(let path, let reason):
            "\(path): \(reason)"
        case .invalid(let error):
            error.description
        }
    }
}

/// The outcome of `ThemeCatalog.choose`: always a usable theme, plus the error when the
/// requested one could not be used.
public struct ThemeSelection: Sendable, Equatable {
    public enum Source: String, Sendable {
        case flag = "--theme", environment = "TRADEGUARD_THEME", config = "config file", standard = "default"
    }

    /// The name asked for (`default` when nothing was).
    public let requested: String
    public let source: Source
    /// The requested theme, or the built-in default when `error` is set.
    public let theme: Theme
    public let error: ThemeLoadError?
    /// NO_COLOR was set.
    public let noColor: Bool

    /// A one-line warning for the status line when the requested theme was not used.
    public var warning: String? {
        error.map { "theme '\(requested)' (\(source.rawValue)) not used, built-in default instead: \($0)" }
    }

    /// The chosen theme for a terminal of `depth` colours, honouring NO_COLOR.
    public func resolve(depth: ColorDepth) -> ResolvedTheme { theme.resolve(depth: depth, noColor: noColor) }
}

extension Theme {
    /// The built-in `default` theme (`EmbeddedThemes.defaultTheme`, which a test keeps equal to
    /// `themes/default.theme`).
    public static let builtInDefault: Theme = {
        do {
            return try Theme.parse(EmbeddedThemes.defaultTheme, file: "(built-in) default.theme")
        } catch {
            fatalError("the built-in default theme is broken: \(error)")
        }
    }()
}
