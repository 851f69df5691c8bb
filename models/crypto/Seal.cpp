#include "Seal.h"

#include "Aead.h"
#include "Random.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace {
struct PkeyDeleter {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct PkeyCtxDeleter {
    void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter>;

struct KdfCtxDeleter {
    void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter>;

// Undoes any OpenSSL errors pushed in its scope: a refused key is an answer, not queue litter.
class ErrorMark final {
public:
    ErrorMark() { ERR_set_mark(); }
    ~ErrorMark() { ERR_pop_to_mark(); }
    ErrorMark(const ErrorMark&) = delete;
    ErrorMark& operator=(const ErrorMark&) = delete;
};

const unsigned char* uc(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

Pkey privateKeyFrom(const SecretValue& privateKey)
{
    if (privateKey.size() != Seal::KeySize)
        return {};
    return Pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, privateKey.bytes(),
                                             size_t(privateKey.size())));
}

QByteArray rawPublicKey(EVP_PKEY* key)
{
    QByteArray out(Seal::KeySize, Qt::Uninitialized);
    size_t length = size_t(out.size());
    if (!key
        || EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &length)
               != 1
        || length != size_t(Seal::KeySize))
        return {};
    return out;
}

bool allZero(const SecretValue& bytes)
{
    unsigned char acc = 0; // constant time over the secret
    for (qsizetype i = 0; i < bytes.size(); ++i)
        acc |= bytes.bytes()[i];
    return acc == 0;
}

OSSL_PARAM octets(const char* key, QByteArrayView bytes)
{
    return OSSL_PARAM_construct_octet_string(key, const_cast<char*>(bytes.data()),
                                             size_t(bytes.size()));
}

// key = HKDF-SHA256(IKM = shared, salt = E || S, info = "mint-config/v1/value" || 0x00 || keyId).
std::optional<SecretValue> deriveKey(const SecretValue& shared, QByteArrayView ephemeralPublic,
                                     QByteArrayView serverPublic, const QString& keyId)
{
    const QByteArray salt = ephemeralPublic.toByteArray() + serverPublic.toByteArray();
    const QByteArray info = QByteArrayLiteral("mint-config/v1/value") + '\0' + keyId.toUtf8();
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (!kdf)
        return std::nullopt;
    const KdfCtx ctx(EVP_KDF_CTX_new(kdf));
    EVP_KDF_free(kdf);
    if (!ctx)
        return std::nullopt;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        octets(OSSL_KDF_PARAM_KEY, shared.view()),
        octets(OSSL_KDF_PARAM_SALT, salt),
        octets(OSSL_KDF_PARAM_INFO, info),
        OSSL_PARAM_construct_end(),
    };
    SecretValue key(Aead::KeySize);
    if (EVP_KDF_derive(ctx.get(), key.bytes(), size_t(key.size()), params) != 1)
        return std::nullopt; // key is wiped by its destructor
    return key;
}

QByteArray associatedData(const QString& keyId, const QString& target)
{
    return QByteArray(1, Seal::Version) + keyId.toUtf8() + '\0' + target.toUtf8();
}
} // namespace

namespace Seal {

KeyPair generateKeyPair()
{
    const ErrorMark mark;
    const Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
    KeyPair pair;
    if (!key)
        return pair;
    SecretValue privateKey(KeySize);
    size_t length = size_t(privateKey.size());
    if (EVP_PKEY_get_raw_private_key(key.get(), privateKey.bytes(), &length) != 1
        || length != size_t(KeySize))
        return pair;
    QByteArray publicKey = rawPublicKey(key.get());
    if (publicKey.isEmpty())
        return pair;
    pair.publicKey = std::move(publicKey);
    pair.privateKey = std::move(privateKey);
    return pair;
}

QByteArray publicKeyOf(const SecretValue& privateKey)
{
    const ErrorMark mark;
    const Pkey key = privateKeyFrom(privateKey);
    return rawPublicKey(key.get());
}

std::optional<SecretValue> x25519(const SecretValue& privateKey, QByteArrayView peerPublic)
{
    const ErrorMark mark;
    if (peerPublic.size() != KeySize)
        return std::nullopt;
    const Pkey own = privateKeyFrom(privateKey);
    const Pkey peer(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, uc(peerPublic),
                                                size_t(peerPublic.size())));
    if (!own || !peer)
        return std::nullopt;
    const PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own.get(), nullptr));
    SecretValue shared(KeySize);
    size_t length = size_t(shared.size());
    // OpenSSL itself refuses an all-zero result; the explicit check below does not rely on that.
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1
        || EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1
        || EVP_PKEY_derive(ctx.get(), shared.bytes(), &length) != 1 || length != size_t(KeySize)
        || allZero(shared))
        return std::nullopt; // shared is wiped by its destructor
    return shared;
}

std::optional<QByteArray> seal(const SecretValue& value, QByteArrayView serverPublicKey,
                               const QString& keyId, const QString& target)
{
    if (value.isEmpty() || value.size() > MaxValueSize || serverPublicKey.size() != KeySize)
        return std::nullopt;
    const KeyPair ephemeral = generateKeyPair(); // e is wiped when this goes out of scope
    if (ephemeral.publicKey.size() != KeySize)
        return std::nullopt;
    const std::optional<SecretValue> shared = x25519(ephemeral.privateKey, serverPublicKey);
    if (!shared)
        return std::nullopt;
    const std::optional<SecretValue> key =
        deriveKey(*shared, ephemeral.publicKey, serverPublicKey, keyId);
    if (!key)
        return std::nullopt;
    const QByteArray nonce = Random::bytes(NonceSize);
    const QByteArray body =
        Aead(*key).encrypt(nonce, value.view(), associatedData(keyId, target), TagSize);
    if (nonce.size() != NonceSize || body.size() != value.size() + TagSize)
        return std::nullopt;
    QByteArray out;
    out.reserve(HeaderSize + body.size());
    out.append(Version).append(ephemeral.publicKey).append(nonce).append(body);
    return out;
}

std::optional<SecretValue> open(QByteArrayView sealed, const SecretValue& serverPrivateKey,
                                const QString& keyId, const QString& target, OpenError* error)
{
    const auto fail = [error](OpenError why) -> std::optional<SecretValue> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!sealed.isEmpty() && sealed.front() != Version)
        return fail(OpenError::UnknownKey);
    if (sealed.size() < MinSealedSize || sealed.size() > MaxSealedSize)
        return fail(OpenError::BadLength);
    const QByteArrayView ephemeralPublic = sealed.sliced(1, KeySize);
    const QByteArrayView nonce = sealed.sliced(1 + KeySize, NonceSize);
    const QByteArrayView body = sealed.sliced(HeaderSize);

    const QByteArray serverPublic = publicKeyOf(serverPrivateKey);
    if (serverPublic.isEmpty())
        return fail(OpenError::BadSeal);
    const std::optional<SecretValue> shared = x25519(serverPrivateKey, ephemeralPublic);
    if (!shared)
        return fail(OpenError::BadSeal);
    const std::optional<SecretValue> key = deriveKey(*shared, ephemeralPublic, serverPublic, keyId);
    if (!key)
        return fail(OpenError::BadSeal);
    std::optional<SecretValue> value =
        Aead(*key).decrypt(nonce, body, associatedData(keyId, target), TagSize);
    if (!value)
        return fail(OpenError::BadSeal);
    if (error)
        *error = OpenError::None;
    return value;
}

} // namespace Seal
