#pragma once

#include "SecretValue.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Password-based key derivation parameters, stored in the vault header so they can rise later.
struct KdfParams {
    enum class Algorithm { Scrypt, Argon2id };
    Algorithm algorithm = Algorithm::Scrypt;
    // scrypt
    quint64 n = quint64(1) << 17;
    quint32 r = 8;
    quint32 p = 1;
    // Argon2id
    quint32 memoryKiB = 64 * 1024;
    quint32 iterations = 3;
    quint32 lanes = 4;
    QByteArray salt; // 16 random bytes

    friend bool operator==(const KdfParams&, const KdfParams&) = default;
};

// scrypt / Argon2id (password -> key) and HKDF-SHA256 (key -> sub-keys) through OpenSSL 3 EVP_KDF.
namespace Kdf {
inline constexpr qsizetype SaltSize = 16;

// True when the linked OpenSSL provides Argon2id (OpenSSL 3.2 and later).
bool argon2idAvailable();
// The DESIGN §3 defaults with a fresh random salt: Argon2id when available, else scrypt 2^17/8/1.
KdfParams defaults();
// The floor below which a vault is refused unless weak settings are explicitly allowed:
// scrypt N >= 2^17 (r = 8, p = 1), or Argon2id with at least 64 MiB and 3 iterations.
bool meetsFloor(const KdfParams& params);
// The ceiling above which derive() refuses (read from a file, the parameters are untrusted):
// scrypt r <= 64, p <= 16, N * r * p <= 2^25; Argon2id up to 1 GiB, 100 iterations, 64 lanes,
// and memory * iterations <= 16 GiB.
bool withinCeiling(const KdfParams& params);
// scrypt parameters (r = 8, p = 1, fresh salt) whose N makes one derivation take about
// targetMs on this machine: the largest power of two not above the target, at least 2^10.
KdfParams calibrate(int targetMs);

// Derives keyLength bytes; nullopt if OpenSSL refuses the parameters.
std::optional<SecretValue> derive(const SecretValue& password, const KdfParams& params,
                                  qsizetype keyLength = 32);
// HKDF-SHA256 (extract and expand) with an empty salt.
SecretValue hkdf(const SecretValue& inputKey, QByteArrayView info, qsizetype length = 32);
// HMAC-SHA256 of data under key.
QByteArray hmacSha256(const SecretValue& key, QByteArrayView data);
} // namespace Kdf
