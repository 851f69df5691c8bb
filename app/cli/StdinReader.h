#pragma once

#include "SecretValue.h"

#include <optional>

// Unbuffered reads from standard input straight into SecretValue buffers (no stdio or QFile
// buffer keeps a copy), so a password line can be followed by a value on the same stream.
class StdinReader final {
public:
    StdinReader() = delete;

    [[nodiscard]] static bool isTerminal();
    // One line without its "\n" (and a "\r" before it). At most maxSize bytes are kept; a longer
    // line comes back with maxSize + 1 bytes. nullopt when input ended before any byte.
    [[nodiscard]] static std::optional<SecretValue> readLine(qsizetype maxSize);
    // Everything up to end of input with one trailing "\n" removed. Reading stops after
    // maxSize + 2 bytes: anything that long is too large whatever follows, and comes back with
    // more than maxSize bytes.
    [[nodiscard]] static SecretValue readToEnd(qsizetype maxSize);
};
