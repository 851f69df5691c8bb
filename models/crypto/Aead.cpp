#include "Aead.h"

#include "Random.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <climits>
#include <cstring>

namespace {
constexpr qsizetype MinTagSize = 4;
constexpr qsizetype MaxIvSize = 128; // OpenSSL's GCM limit

const unsigned char* uc(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char*>(v.data());
}

bool fitsInt(QByteArrayView v)
{
    return v.size() <= INT_MAX;
}
} // namespace

struct Aead::Context {
    EVP_CIPHER_CTX* ctx = nullptr;
    bool ready = false;

    ~Context() { EVP_CIPHER_CTX_free(ctx); }

    // Selects direction and nonce for the next message; the key stays as set in the constructor.
    bool start(QByteArrayView nonce, QByteArrayView associatedData, int encrypt)
    {
        if (!ready || nonce.isEmpty() || nonce.size() > MaxIvSize || !fitsInt(associatedData))
            return false;
        if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) != 1
            || EVP_CipherInit_ex(ctx, nullptr, nullptr, nullptr, uc(nonce), encrypt) != 1)
            return false;
        int len = 0;
        return associatedData.isEmpty()
               || EVP_CipherUpdate(ctx, nullptr, &len, uc(associatedData),
                                   int(associatedData.size()))
                      == 1;
    }
};

Aead::Aead(const SecretValue& key)
    : d(std::make_unique<Context>())
{
    // A key of the wrong size leaves the instance unusable: every operation then fails.
    d->ctx = EVP_CIPHER_CTX_new();
    d->ready =
        d->ctx && key.size() == KeySize
        && EVP_CipherInit_ex(d->ctx, EVP_aes_256_gcm(), nullptr, key.bytes(), nullptr, 1) == 1;
}

Aead::~Aead() = default;

QByteArray Aead::seal(QByteArrayView plaintext, QByteArrayView associatedData)
{
    const QByteArray nonce = Random::bytes(NonceSize);
    const QByteArray body = encrypt(nonce, plaintext, associatedData, TagSize);
    if (body.isEmpty())
        return {};
    return nonce + body;
}

std::optional<SecretValue> Aead::open(QByteArrayView sealed, QByteArrayView associatedData)
{
    if (sealed.size() < Overhead)
        return std::nullopt;
    return decrypt(sealed.first(NonceSize), sealed.sliced(NonceSize), associatedData, TagSize);
}

QByteArray Aead::encrypt(QByteArrayView nonce, QByteArrayView plaintext,
                         QByteArrayView associatedData, qsizetype tagSize)
{
    if (tagSize < MinTagSize || tagSize > TagSize || !fitsInt(plaintext)
        || plaintext.size() > INT_MAX - TagSize || !d->start(nonce, associatedData, 1))
        return {};
    QByteArray out(plaintext.size() + tagSize, Qt::Uninitialized);
    auto* dst = reinterpret_cast<unsigned char*>(out.data());
    int len = 0;
    int finalLen = 0;
    unsigned char sink[16]; // GCM is a stream mode: Final never outputs anything
    if ((!plaintext.isEmpty()
         && EVP_CipherUpdate(d->ctx, dst, &len, uc(plaintext), int(plaintext.size())) != 1)
        || EVP_CipherFinal_ex(d->ctx, sink, &finalLen) != 1 || finalLen != 0
        || len != plaintext.size()
        || EVP_CIPHER_CTX_ctrl(d->ctx, EVP_CTRL_GCM_GET_TAG, int(tagSize), dst + plaintext.size())
               != 1)
        return {};
    return out;
}

std::optional<SecretValue> Aead::decrypt(QByteArrayView nonce, QByteArrayView ciphertextAndTag,
                                         QByteArrayView associatedData, qsizetype tagSize)
{
    if (tagSize < MinTagSize || tagSize > TagSize || ciphertextAndTag.size() < tagSize
        || !fitsInt(ciphertextAndTag) || !d->start(nonce, associatedData, 0))
        return std::nullopt;
    const QByteArrayView ciphertext = ciphertextAndTag.first(ciphertextAndTag.size() - tagSize);
    // OpenSSL's setter takes a non-const pointer but only copies the tag.
    unsigned char tag[TagSize];
    std::memcpy(tag, ciphertextAndTag.data() + ciphertext.size(), size_t(tagSize));
    SecretValue plaintext(ciphertext.size());
    int len = 0;
    int finalLen = 0;
    unsigned char sink[16];
    const bool ok = EVP_CIPHER_CTX_ctrl(d->ctx, EVP_CTRL_GCM_SET_TAG, int(tagSize), tag) == 1
                    && (ciphertext.isEmpty()
                        || EVP_CipherUpdate(d->ctx, plaintext.bytes(), &len, uc(ciphertext),
                                            int(ciphertext.size()))
                               == 1)
                    && EVP_CipherFinal_ex(d->ctx, sink, &finalLen) == 1 && finalLen == 0
                    && len == ciphertext.size();
    if (!ok)
        return std::nullopt; // plaintext is wiped by its destructor
    return plaintext;
}
