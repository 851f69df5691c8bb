#pragma once

// Small helpers for the crypto classes that call OpenSSL's parameter-based APIs (Kdf, Seal,
// SelfTest). Internal to models/crypto: nothing outside it includes OpenSSL headers (DESIGN §1).
#include <QByteArrayView>

#include <openssl/err.h>
#include <openssl/params.h>

namespace OpenSsl {

// Undoes any OpenSSL errors pushed in its scope: a refused key or a missing algorithm is an
// answer, not litter left on the thread's error queue.
class ErrorMark final {
public:
    ErrorMark() { ERR_set_mark(); }
    ~ErrorMark() { ERR_pop_to_mark(); }
    ErrorMark(const ErrorMark&) = delete;
    ErrorMark& operator=(const ErrorMark&) = delete;
};

// An octet-string parameter. OSSL_PARAM wants a non-const pointer, and a non-null one even for
// empty input; OpenSSL only reads through it.
[[nodiscard]] OSSL_PARAM octets(const char* key, QByteArrayView bytes);

// Whether the default library context offers the KDF (e.g. "ARGON2ID", which needs 3.2).
[[nodiscard]] bool hasKdf(const char* name);

// Runs the KDF `name` ("HKDF", "SCRYPT", "ARGON2ID", ...) with params, filling out[0, length).
// False when the algorithm is missing or refuses the parameters.
[[nodiscard]] bool deriveKdf(const char* name, const OSSL_PARAM* params, unsigned char* out,
                             qsizetype length);

} // namespace OpenSsl
