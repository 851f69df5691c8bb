#pragma once

#include "SecretValue.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>
#include <optional>

// AES-256-GCM through OpenSSL EVP. One instance keeps one cipher context for its key, so sealing
// many records does not re-create it; an instance is not thread-safe.
class Aead final {
public:
    static constexpr qsizetype KeySize = 32;
    static constexpr qsizetype NonceSize = 12;
    static constexpr qsizetype TagSize = 16;
    static constexpr qsizetype Overhead = NonceSize + TagSize;

    explicit Aead(const SecretValue& key); // key.size() must be KeySize
    ~Aead();
    Aead(const Aead&) = delete;
    Aead& operator=(const Aead&) = delete;

    // Seals with a fresh random 96-bit nonce: returns nonce || ciphertext || tag.
    [[nodiscard]] QByteArray seal(QByteArrayView plaintext, QByteArrayView associatedData);
    // Opens what seal() returned; nullopt when it fails authentication or is malformed.
    [[nodiscard]] std::optional<SecretValue> open(QByteArrayView sealed,
                                                  QByteArrayView associatedData);

    // Raw GCM with a caller-chosen nonce (any length GCM accepts), for known-answer tests:
    // encrypt returns ciphertext || tag(tagSize); decrypt expects the same layout.
    [[nodiscard]] QByteArray encrypt(QByteArrayView nonce, QByteArrayView plaintext,
                                     QByteArrayView associatedData, qsizetype tagSize = TagSize);
    [[nodiscard]] std::optional<SecretValue> decrypt(QByteArrayView nonce,
                                                     QByteArrayView ciphertextAndTag,
                                                     QByteArrayView associatedData,
                                                     qsizetype tagSize = TagSize);

private:
    struct Context;
    std::unique_ptr<Context> d;
};
