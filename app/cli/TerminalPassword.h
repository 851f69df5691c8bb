#pragma once

#include "SecretValue.h"

#include <QString>

#include <optional>

// The controlling terminal (/dev/tty on POSIX, the console on Windows), used for prompts even when
// stdin and stdout are redirected. Hidden input is read with echo off (termios / SetConsoleMode)
// straight into a SecretValue; it never passes through a QString or a stream buffer.
class TerminalPassword final {
public:
    TerminalPassword() = delete;

    // True when there is a terminal to prompt on.
    [[nodiscard]] static bool available();
    // Shows prompt, reads one line with echo off (the newline is dropped). At most maxSize bytes
    // are kept; a longer line comes back with maxSize + 1 bytes so that the caller's size check
    // rejects it. nullopt when there is no terminal or the input ended before a newline.
    [[nodiscard]] static std::optional<SecretValue> readHidden(const QString& prompt,
                                                               qsizetype maxSize);
    // Shows prompt and reads one line with echo on (for a yes/no answer, never a secret).
    [[nodiscard]] static std::optional<QString> ask(const QString& prompt);
};
