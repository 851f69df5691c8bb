#pragma once

// Process-wide protections for a program that holds secrets, applied first thing in main() by
// both mint-config and mint-config-cli.
//
// - Linux: no core dumps (RLIMIT_CORE = 0) and not dumpable (PR_SET_DUMPABLE = 0: no core dump
//   even if the limit is raised again, no ptrace attach by other processes of the same user, and
//   /proc/<pid>/ files such as mem, environ and maps owned by root).
// - macOS: no core dumps (RLIMIT_CORE = 0).
// - Windows: nothing to switch off in the process: we never write a dump. Windows Error
//   Reporting may still collect a minidump of a crash (threads' stacks, not the whole heap)
//   for the user's consent dialog, and an administrator can configure full "LocalDumps";
//   both are the machine owner's policy, not ours to override.
//
// Built with -DMINT_HARDEN_PROCESS=OFF (sanitizer and debugging builds: a non-dumpable process
// defeats LeakSanitizer and debuggers) apply() does nothing.
class ProcessHardening final {
public:
    ProcessHardening() = delete;

    struct Result {
        bool coreDumpsDisabled = false;
        bool notDumpable = false; // Linux only
    };

    // Applies what this platform offers. Failures are not fatal (the program still runs).
    static Result apply();
    // Whether this build applies anything (the MINT_HARDEN_PROCESS option).
    [[nodiscard]] static bool enabled();
};
