#pragma once

// The secret value that belongs to a seed, shared by the crash-safety writer (vault_writer.cpp),
// which stores it, and tst_crashsafety, which checks what survived a kill: both derive it the
// same way, so only the seed travels on the writer's acknowledgement lines.
#include "SecretValue.h"

#include <QtGlobal>

#include <cstring>

// SplitMix64: a small, well-mixed generator that is the same on every platform.
inline quint64 splitMix64(quint64& state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// 1 to 2048 bytes, or (one in eight) 4 to 20 KiB, which spans several overflow pages.
inline SecretValue crashTestValue(quint64 seed)
{
    quint64 state = seed;
    const quint64 first = splitMix64(state);
    const qsizetype size = first % 8 == 0 ? qsizetype(4096 + (first >> 3) % 16384)
                                          : qsizetype(1 + (first >> 3) % 2048);
    SecretValue value(size);
    for (qsizetype i = 0; i < size; i += 8) {
        const quint64 r = splitMix64(state);
        std::memcpy(value.data() + i, &r, size_t(qMin<qsizetype>(8, size - i)));
    }
    return value;
}
