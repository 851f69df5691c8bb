#pragma once

// Helpers shared by the tests: waiting for a store's future, and fast vault parameters.

#include "crypto/Kdf.h"
#include "crypto/Random.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFuture>
#include <QTest>

namespace TestSupport {

// The few time limits in tests catch a change of complexity (a page that reads the whole table),
// not a slow machine; the figures themselves come from tests/bench. Code built with
// AddressSanitizer runs several times slower, so the limits scale by this.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr double TimeLimitScale = 5;
#else
inline constexpr double TimeLimitScale = 1;
#endif

// Runs the event loop until future has finished (at most 60 s) and returns its result.
template <typename T> T await(QFuture<T> future)
{
    QDeadlineTimer deadline(60'000);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (!future.isFinished())
        qFatal("a store operation did not finish within 60 s");
    return future.result();
}

// scrypt N = 2^10: a millisecond per unlock, for tests only (needs allowWeak).
inline KdfParams fastKdf()
{
    KdfParams params;
    params.n = 1024;
    params.salt = Random::bytes(Kdf::SaltSize);
    return params;
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace TestSupport
