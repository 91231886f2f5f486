/// The walkthrough player's keys, as commands of the same registry as the app's: its hint bar
/// is drawn from them, and no key is read anywhere else. They act on the player they are made
/// for; the app they are handed is the one on screen.
enum WalkthroughCommands {
    static func all(for player: DemoPlayer) -> [Command] {
        [
            Command("walk.next", "Run the next step", hint: "next", hintKeys: "Space/Right", keys: [.character(" "), .right],
                    context: .walkthrough) { [unowned player] _, _ in player.stepForward() },
            Command("walk.back", "Back one step (replayed on a fresh database)", hint: "back", keys: [.left], context: .walkthrough) { [unowned player] _, _ in
                player.stepBackward()
            },
            .onKey("walk.play", "Play the steps one after another, or pause", hint: "play", keys: [.character("p")], context: .walkthrough,
                   liveHint: { [unowned player] _ in player.playing ? "pause" : "play" }) { [unowned player] _, _ in player.togglePlaying() },
            Command("walk.takeOver", "Take over: the keyboard goes to the app", hint: "take over", keys: [.character("t")],
                    context: .walkthrough) { [unowned player] _, _ in player.takeOver() },
            Command("walk.quit", "Quit the walkthrough", hint: "quit", keys: [.character("q"), .character("Q")], context: .walkthrough) { [unowned player] _, _ in
                player.quitStatus = 0
            },
            // A narrow --split shows one pane at a time: this one looks at the other.
            .onKey("walk.pane", "Look at the other side's screen (--split)", hint: "seller/buyer", keys: [.control("o")], context: .walkthrough,
                   liveHint: { [unowned player] _ in player.showsOnePane ? "seller/buyer" : nil }) { [unowned player] _, _ in player.lookAtOtherPane() },
            // After take-over every key goes to the app on screen, but C-o still switches sides.
            .onKey("walk.switchSide", "Switch between the seller's and the buyer's screen (--split)", keys: [.control("o")],
                   context: .takenOver) { [unowned player] _, key in player.switchSide(or: key) },
            .onKey("walk.toApp", "Keys go to the app on screen", context: .takenOver, takesUnbound: DialogCommands.anyKey) { [unowned player] _, key in
                player.passToApp(key)
            },
            // Not a key a person presses: the terminal's new size, in both contexts.
            Command("walk.resize", "Fit the screen to the terminal's new size (the terminal sends this)", keys: [.resize],
                    context: .always) { [unowned player] _, _ in player.resized() },
            Command("walk.interrupt", "Quit at once (exit status 130)", keys: [.control("c")], context: .always) { [unowned player] _, _ in
                player.quitStatus = 130
            },
        ]
    }
}
