import Foundation
import Testing

/// What only the process shows: `main.swift` hands the process's streams, stdin and environment
/// to `Program.run` and exits with its status. The other suites call `Program.run` in-process.
@Suite struct ProcessTests {
    @Test func exitStatusIsTheProgramsAsTheShellSeesIt() throws {
        let sandbox = try Sandbox().standardDatabase()
        let ok = sandbox.spawned(["parties"])
        #expect(ok.status == 0 && ok.signal == nil && ok.stdout.contains("acme"), "\(ok)")
        let usage = sandbox.rawSpawned(["frobnicate"])
        #expect(usage.status == 2 && usage.stderr.contains("unknown command 'frobnicate'"), "\(usage)")
        let refused = sandbox.spawned(["order", "TG-9999999"])
        #expect(refused.status == 1 && !refused.stderr.isEmpty && refused.stdout.isEmpty, "\(refused)")
    }

    @Test func stdinAndEnvironmentComeFromTheProcess() throws {
        let sandbox = try Sandbox().standardDatabase()
        let drafted = sandbox.spawned(["draft", "--as", "acme", "--json", "-"], stdin: ContractText.valid)
        #expect(drafted.status == 0 && drafted.lines.first?.hasPrefix("TG-") == true, "\(drafted)")
        // No --db: the environment's TRADEGUARD_DB is the database.
        let viaEnvironment = sandbox.rawSpawned(["parties"], environment: sandbox.environment(["TRADEGUARD_DB": sandbox.db]))
        #expect(viaEnvironment.status == 0 && viaEnvironment.stdout.contains("hanse"), "\(viaEnvironment)")
    }

    @Test func theFullScreenAppRefusesWithoutATerminal() throws {
        let sandbox = try Sandbox().standardDatabase()
        // stdin is /dev/null and stdout a file: refused before any file is touched, exit 2.
        let result = sandbox.spawned(["--as", "acme"])
        #expect(result.status == 2 && result.stdout.isEmpty && !result.stderr.isEmpty, "\(result)")
    }
}
