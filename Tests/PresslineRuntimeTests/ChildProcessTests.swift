import Foundation
import Testing
@testable import PresslineRuntime

/// Children of the supervisor: spawned with default signal handling, their ends told apart.
@Suite("Child processes")
struct ChildProcessTests {
    @Test("an exit status and a killing signal are told apart, from real children")
    func exits() throws {
        let three = try ChildProcess.spawn("/bin/sh", ["-c", "exit 3"], environment: [:])
        #expect(three.waitForExit(timeout: 10) == ChildExit(pid: three.pid, waitStatus: 3 << 8))
        #expect(ChildExit(pid: 1, waitStatus: 3 << 8).status == 3)

        let killed = try ChildProcess.spawn("/bin/sh", ["-c", "kill -9 $$"], environment: [:])
        let exit = try #require(killed.waitForExit(timeout: 10))
        #expect(exit.signal == 9 && exit.status == nil && exit.description == "killed by signal 9")
    }

    @Test("a child starts with SIGTERM at its default action, whatever this process does with it, and gets the extra environment")
    func signalsAndEnvironment() throws {
        let sleeper = try ChildProcess.spawn("/bin/sh", ["-c", "test \"$PRESSLINE_TEST\" = yes && exec sleep 30"], environment: ["PRESSLINE_TEST": "yes"])
        usleep(200_000)
        sleeper.signal(SIGTERM)
        let exit = try #require(sleeper.waitForExit(timeout: 10), "the child did not stop on SIGTERM")
        #expect(exit.signal == SIGTERM)
    }

    @Test("a missing executable is an error naming it")
    func missing() {
        #expect { try ChildProcess.spawn("/nonexistent/pressline-x", [], environment: [:]) } throws: { "\($0)".contains("/nonexistent/pressline-x") }
    }
}
