#pragma once

#include "SecretValue.h"
#include "crypto/Seal.h"

#include <QDeadlineTimer>
#include <QString>

#include <optional>

// The server's own keys: the at-rest key that encrypts stored values, and the X25519 key pair
// (with its keyId) that clients seal values to (docs/api.md §5). Fresh for an in-memory
// database; with --db FILE they live in FILE.keys (JSON, created with mode 0600), so a restart
// can still open stored values and accepts values sealed to the key it published before.
class ServerKeys final {
public:
    // New random keys.
    static ServerKeys generate();
    // Loads path, or (when it does not exist and mayCreate) generates keys and writes them there.
    // false with *errorString on failure.
    static bool loadOrCreate(const QString& path, bool mayCreate, ServerKeys* keys,
                             QString* errorString);

    // A new sealing key pair and keyId (POST /_test/rotate-key). The previous pair is still
    // accepted for graceSeconds (0 = refused at once); only one previous pair is kept. In memory
    // only: FILE.keys keeps the key of the database's creation.
    void rotate(int graceSeconds);
    // The private key of keyId: the current one, or the previous one within its grace; null
    // otherwise.
    [[nodiscard]] const SecretValue* privateKeyFor(const QString& keyId) const;

    SecretValue atRestKey; // 32 bytes, AES-256-GCM
    Seal::KeyPair sealKey; // X25519
    QString keyId;         // e.g. "k-3f09a1c2b4d5"

    struct Previous {
        Seal::KeyPair sealKey;
        QString keyId;
        QDeadlineTimer acceptedUntil;
    };
    std::optional<Previous> previous; // after a rotation
};
