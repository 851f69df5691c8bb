#pragma once

#include "SecretValue.h"

#include <QByteArray>

// Cryptographically secure randomness from OpenSSL's RAND_bytes.
namespace Random {
QByteArray bytes(qsizetype count);
SecretValue secret(qsizetype count);
// Uniform in [0, bound) without modulo bias; bound > 0.
quint32 uniform(quint32 bound);
// Wipes and frees the calling thread's OpenSSL state: its random generator (seeded key material)
// and its error queue; OpenSSL makes new ones on the next use. Work run on a worker thread calls
// it before the task ends, so that an idle pool thread holds no generator state. (OpenSSL would
// free it only when the thread ends, and a pool thread may still be ending while the process
// exits and OpenSSL's clean-up runs: then the state is never wiped or freed.)
void releaseThreadState();
} // namespace Random
