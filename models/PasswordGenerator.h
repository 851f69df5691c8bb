#pragma once

#include "SecretValue.h"

#include <QFlags>
#include <QString>

// Generates random secret values for the "Generate" button, from Random::uniform (no bias).
namespace PasswordGenerator {
enum class Charset {
    UrlSafe,      // A–Z a–z 0–9 - _  (the default: safe in headers, URLs and JSON)
    Alphanumeric, // A–Z a–z 0–9
    Hex,          // 0–9 a–f
    Printable,    // every printable ASCII character except space
};
inline constexpr int DefaultLength = 32;
inline constexpr int MinLength = 8;
inline constexpr int MaxLength = 256;

QString alphabet(Charset charset);
// length is clamped to [MinLength, MaxLength]. The result is ASCII.
SecretValue generate(int length = DefaultLength, Charset charset = Charset::UrlSafe);
} // namespace PasswordGenerator
