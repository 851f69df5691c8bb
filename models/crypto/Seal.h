#pragma once

#include "SecretValue.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

// Client-to-server value sealing of docs/api.md §5: ephemeral X25519 + HKDF-SHA256 +
// AES-256-GCM. Layout: 0x01 | E(32) | nonce(12) | ciphertext(n) | tag(16), n in 1..65,536.
namespace Seal {
inline constexpr char Version = 0x01;
inline constexpr qsizetype KeySize = 32;   // X25519 public and private keys, shared secret
inline constexpr qsizetype NonceSize = 12; // AES-GCM nonce
inline constexpr qsizetype TagSize = 16;   // AES-GCM tag
inline constexpr qsizetype HeaderSize = 1 + KeySize + NonceSize; // 45
inline constexpr qsizetype MaxValueSize = 64 * 1024;
inline constexpr qsizetype MinSealedSize = 62; // the bound docs/api.md names for bad-length
inline constexpr qsizetype MaxSealedSize = HeaderSize + MaxValueSize + TagSize;

struct KeyPair {
    QByteArray publicKey;   // 32 raw bytes
    SecretValue privateKey; // 32 raw bytes
};

// A fresh X25519 key pair (for the server and for tests); empty members if OpenSSL fails.
KeyPair generateKeyPair();
// The raw public key of a raw 32-byte private key; empty when the key is malformed.
QByteArray publicKeyOf(const SecretValue& privateKey);
// X25519(privateKey, peerPublic): nullopt when a key is malformed or the result is all-zero.
std::optional<SecretValue> x25519(const SecretValue& privateKey, QByteArrayView peerPublic);

// Seals value to the server key S (32 raw bytes) for keyId and target ("create" or a secret id).
// nullopt when S is malformed, the shared secret is all-zero, or the value is 0 or > 64 KiB.
std::optional<QByteArray> seal(const SecretValue& value, QByteArrayView serverPublicKey,
                               const QString& keyId, const QString& target);

enum class OpenError { None, UnknownKey, BadLength, BadSeal };
// Opens a sealed value with the server private key s. keyId must be the one the value was sealed
// to (the caller looks the private key up by it). error, if given, tells why it failed:
// UnknownKey (version byte), BadLength (size < 62 or value > 64 KiB), BadSeal (all-zero shared
// secret, malformed key, GCM authentication failure).
std::optional<SecretValue> open(QByteArrayView sealed, const SecretValue& serverPrivateKey,
                                const QString& keyId, const QString& target,
                                OpenError* error = nullptr);
} // namespace Seal
