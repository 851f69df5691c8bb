#include "Random.h"

#include <QtGlobal>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <climits>
#include <cstring>

namespace {
void fill(unsigned char* out, qsizetype count)
{
    while (count > 0) {
        const int chunk = int(qMin<qsizetype>(count, INT_MAX));
        // A failing system CSPRNG leaves nothing safe to do: stop rather than hand out weak keys.
        if (RAND_bytes(out, chunk) != 1)
            qFatal("RAND_bytes failed: no secure randomness available");
        out += chunk;
        count -= chunk;
    }
}
} // namespace

namespace Random {

QByteArray bytes(qsizetype count)
{
    QByteArray out(qMax<qsizetype>(count, 0), Qt::Uninitialized);
    fill(reinterpret_cast<unsigned char*>(out.data()), out.size());
    return out;
}

SecretValue secret(qsizetype count)
{
    SecretValue out(count);
    fill(out.bytes(), out.size());
    return out;
}

void releaseThreadState()
{
    OPENSSL_thread_stop();
}

quint32 uniform(quint32 bound)
{
    Q_ASSERT(bound > 0);
    if (bound <= 1)
        return 0;
    // Reject the lowest (2^32 mod bound) values so every residue is equally likely.
    const quint32 threshold = quint32(-bound) % bound;
    for (;;) {
        quint32 r = 0;
        fill(reinterpret_cast<unsigned char*>(&r), sizeof r);
        if (r >= threshold)
            return r % bound;
    }
}

} // namespace Random
