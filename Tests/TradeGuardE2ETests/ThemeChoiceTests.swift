import Foundation
import Testing

/// `:theme NAME` in the real app: the screen changes colours at once and the choice is written
/// into the config file, keeping what else it holds.
@Suite(.enabled(if: TmuxHarness.isAvailable, "tmux is not installed; .ci/run installs it"))
struct ThemeChoiceTests {
    @Test func aThemeChosenInTheAppIsUsedAndRemembered() throws {
        guard let bin = TmuxHarness.builtProgram() else { Issue.record("no binary"); return }
        let tmux = try TmuxHarness()
        let db = tmux.folder + "/demo.sqlite"
        let home = tmux.folder + "/home"
        let configFolder = home + "/.config/tradeguard"
        try FileManager.default.createDirectory(atPath: configFolder, withIntermediateDirectories: true)
        try "# my settings\nparty = hanse-kuechen\n".write(toFile: configFolder + "/config", atomically: true, encoding: .utf8)
        #expect(TmuxHarness.shell("\(TmuxHarness.quote(bin)) init --db \(TmuxHarness.quote(db))").status == 0)
        try tmux.start(command: "\(TmuxHarness.quote(bin)) --db \(TmuxHarness.quote(db))", env: ["HOME": home, "XDG_CONFIG_HOME": ""])
        try tmux.waitFor("Buyer · Hanse")
        let before = tmux.captureWithColours()
        tmux.send(keys: [":"])
        tmux.type("theme light")
        tmux.send(keys: ["Enter"])
        try tmux.waitFor("Theme light, remembered")
        #expect(tmux.captureWithColours() != before, "the colours did not change")
        tmux.send(keys: ["Q"])
        #expect(try tmux.waitForExit() == 0)
        let config = try String(contentsOfFile: configFolder + "/config", encoding: .utf8)
        #expect(config == "# my settings\nparty = hanse-kuechen\ntheme = light\n")
    }
}
