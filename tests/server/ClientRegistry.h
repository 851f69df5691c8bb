#pragma once

#include "SecretValue.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

// The OAuth clients the server knows. Only a salted HMAC-SHA256 of each secret is kept:
// secretHash = hex(HMAC-SHA256(key = salt, data = secret)).
class ClientRegistry final {
public:
    struct Client {
        QString clientId;
        QString subject;
        QStringList roles;
        QByteArray salt;
        QByteArray secretHash; // raw 32 bytes
    };

    // Reads [{"clientId", "secretHash" (hex), "salt", "roles", "subject"}]; false on error.
    bool loadFile(const QString& path, QString* errorString);
    // Registers a client with a fresh salt; the secret itself is not kept.
    void add(const QString& clientId, const SecretValue& secret, const QStringList& roles,
             const QString& subject);
    // The client when the id is known and the secret matches (compared in constant time).
    [[nodiscard]] std::optional<Client> authenticate(const QString& clientId,
                                                     const SecretValue& secret) const;

    // Gives every client a new random secret that nobody knows (POST /_test/revoke-tokens with
    // changeClientSecrets), so token requests with the old secrets get invalid_client.
    void scrambleSecrets();

    [[nodiscard]] static QByteArray hashSecret(const QByteArray& salt, const SecretValue& secret);

private:
    QHash<QString, Client> m_clients;
};
