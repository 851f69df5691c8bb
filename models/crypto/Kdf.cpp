#include "Kdf.h"

#include "OpenSsl.h"
#include "Random.h"

#include <QElapsedTimer>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstdint>

namespace {
// OpenSSL 3.0 headers do not name the Argon2 parameters; these are the 3.2+ spellings.
constexpr const char* ParamIterations = "iter";
constexpr const char* ParamLanes = "lanes";
constexpr const char* ParamMemoryKiB = "memcost";
constexpr const char* ParamThreads = "threads";

constexpr quint64 ScryptFloorN = quint64(1) << 17;
constexpr quint64 CalibrateMinN = quint64(1) << 10;
// 128 * r * N bytes must stay below ScryptMaxMemory: 2^19 is the largest N for r = 8.
constexpr quint64 CalibrateMaxN = quint64(1) << 19;
// Generous enough for N = 2^19 with r = 8, low enough that a hostile vault header cannot make
// us allocate without bound.
constexpr std::uint64_t ScryptMaxMemory = std::uint64_t(1) << 30;
// The ceiling on the work a vault header may ask for (N * r * p): 8 times what calibrate() can
// choose, so that a hostile or damaged header cannot make an unlock run for hours.
constexpr quint64 ScryptMaxWork = quint64(1) << 25;
constexpr quint32 ScryptMaxR = 64;
constexpr quint32 ScryptMaxP = 16;
constexpr quint32 Argon2FloorMemoryKiB = 64 * 1024;
constexpr quint32 Argon2MaxMemoryKiB = 1024 * 1024; // 1 GiB
constexpr quint32 Argon2MaxIterations = 100;
constexpr quint32 Argon2MaxLanes = 64;
constexpr quint64 Argon2MaxWork = quint64(16) * Argon2MaxMemoryKiB; // memory (KiB) * iterations
constexpr quint32 Argon2FloorIterations = 3;
constexpr qsizetype HkdfMaxLength = 255 * 32;

} // namespace

namespace Kdf {

bool argon2idAvailable()
{
    static const bool available = OpenSsl::hasKdf("ARGON2ID");
    return available;
}

KdfParams defaults()
{
    KdfParams params;
    params.algorithm =
        argon2idAvailable() ? KdfParams::Algorithm::Argon2id : KdfParams::Algorithm::Scrypt;
    params.salt = Random::bytes(SaltSize);
    return params;
}

bool meetsFloor(const KdfParams& params)
{
    switch (params.algorithm) {
    case KdfParams::Algorithm::Scrypt:
        return params.n >= ScryptFloorN && params.r >= 8 && params.p >= 1;
    case KdfParams::Algorithm::Argon2id:
        return params.memoryKiB >= Argon2FloorMemoryKiB
               && params.iterations >= Argon2FloorIterations && params.lanes >= 1;
    }
    return false;
}

bool withinCeiling(const KdfParams& params)
{
    switch (params.algorithm) {
    case KdfParams::Algorithm::Scrypt:
        return params.n >= 2 && params.r >= 1 && params.r <= ScryptMaxR && params.p >= 1
               && params.p <= ScryptMaxP && params.n <= ScryptMaxWork / params.r / params.p;
    case KdfParams::Algorithm::Argon2id:
        return params.memoryKiB >= 8 && params.memoryKiB <= Argon2MaxMemoryKiB
               && params.iterations >= 1 && params.iterations <= Argon2MaxIterations
               && params.lanes >= 1 && params.lanes <= Argon2MaxLanes
               && quint64(params.memoryKiB) * params.iterations <= Argon2MaxWork;
    }
    return false;
}

KdfParams calibrate(int targetMs)
{
    const SecretValue password(QByteArrayView("calibration"));
    KdfParams probe;
    probe.algorithm = KdfParams::Algorithm::Scrypt;
    probe.r = 8;
    probe.p = 1;
    probe.salt = QByteArray(SaltSize, '\0');

    const qint64 targetNs = qint64(qMax(targetMs, 0)) * 1000 * 1000;
    quint64 best = CalibrateMinN;
    for (quint64 n = CalibrateMinN; n <= CalibrateMaxN; n *= 2) {
        probe.n = n;
        QElapsedTimer timer;
        timer.start();
        if (!derive(password, probe) || timer.nsecsElapsed() > targetNs)
            break;
        best = n;
    }

    KdfParams params = probe;
    params.n = best;
    params.salt = Random::bytes(SaltSize);
    return params;
}

std::optional<SecretValue> derive(const SecretValue& password, const KdfParams& params,
                                  qsizetype keyLength)
{
    if (!withinCeiling(params))
        return std::nullopt;
    SecretValue key(keyLength);
    if (key.isEmpty())
        return std::nullopt;
    bool ok = false;
    switch (params.algorithm) {
    case KdfParams::Algorithm::Scrypt: {
        std::uint64_t n = params.n;
        std::uint32_t r = params.r;
        std::uint32_t p = params.p;
        std::uint64_t maxMemory = ScryptMaxMemory;
        const OSSL_PARAM ossl[] = {
            OpenSsl::octets(OSSL_KDF_PARAM_PASSWORD, password.view()),
            OpenSsl::octets(OSSL_KDF_PARAM_SALT, params.salt),
            OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
            OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
            OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
            OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
            OSSL_PARAM_construct_end(),
        };
        ok = OpenSsl::deriveKdf("SCRYPT", ossl, key.bytes(), key.size());
        break;
    }
    case KdfParams::Algorithm::Argon2id: {
        std::uint32_t iterations = params.iterations;
        std::uint32_t lanes = params.lanes;
        std::uint32_t memoryKiB = params.memoryKiB;
        std::uint32_t threads = 1; // more needs an OpenSSL thread pool; the result is the same
        const OSSL_PARAM ossl[] = {
            OpenSsl::octets(OSSL_KDF_PARAM_PASSWORD, password.view()),
            OpenSsl::octets(OSSL_KDF_PARAM_SALT, params.salt),
            OSSL_PARAM_construct_uint32(ParamIterations, &iterations),
            OSSL_PARAM_construct_uint32(ParamLanes, &lanes),
            OSSL_PARAM_construct_uint32(ParamMemoryKiB, &memoryKiB),
            OSSL_PARAM_construct_uint32(ParamThreads, &threads),
            OSSL_PARAM_construct_end(),
        };
        ok = OpenSsl::deriveKdf("ARGON2ID", ossl, key.bytes(), key.size());
        break;
    }
    }
    if (!ok)
        return std::nullopt; // key is wiped by its destructor
    return key;
}

SecretValue hkdf(const SecretValue& inputKey, QByteArrayView info, qsizetype length)
{
    if (length <= 0 || length > HkdfMaxLength)
        return {};
    SecretValue out(length);
    char digest[] = "SHA256";
    OSSL_PARAM ossl[4] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OpenSsl::octets(OSSL_KDF_PARAM_KEY, inputKey.view()),
        OSSL_PARAM_construct_end(),
        OSSL_PARAM_construct_end(),
    };
    if (!info.isEmpty())
        ossl[2] = OpenSsl::octets(OSSL_KDF_PARAM_INFO, info);
    if (!OpenSsl::deriveKdf("HKDF", ossl, out.bytes(), out.size()))
        return {};
    return out;
}

QByteArray hmacSha256(const SecretValue& key, QByteArrayView data)
{
    static const unsigned char empty = 0;
    QByteArray mac(32, Qt::Uninitialized);
    size_t length = 0;
    const unsigned char* input =
        data.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(data.data());
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr,
                   key.isEmpty() ? static_cast<const void*>(&empty) : key.data(),
                   size_t(key.size()), input, size_t(data.size()),
                   reinterpret_cast<unsigned char*>(mac.data()), size_t(mac.size()), &length)
        || length != size_t(mac.size()))
        return {};
    return mac;
}

} // namespace Kdf
