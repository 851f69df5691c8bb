#pragma once

#include "SecretValue.h"

#include <QByteArray>

// Cryptographically secure randomness from OpenSSL's RAND_bytes.
namespace Random {
QByteArray bytes(qsizetype count);
SecretValue secret(qsizetype count);
// Uniform in [0, bound) without modulo bias; bound > 0.
quint32 uniform(quint32 bound);
} // namespace Random
