#include "ClientRegistry.h"

#include "crypto/Kdf.h"
#include "crypto/Random.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <openssl/crypto.h>

bool ClientRegistry::loadFile(const QString& path, QString* errorString)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorString = QStringLiteral("cannot read %1").arg(path);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        *errorString = QStringLiteral("%1 is not a JSON array of clients").arg(path);
        return false;
    }
    const QJsonArray entries = document.array();
    for (const QJsonValue& entry : entries) {
        const QJsonObject object = entry.toObject();
        Client client;
        client.clientId = object.value(QLatin1String("clientId")).toString();
        client.subject = object.value(QLatin1String("subject")).toString(client.clientId);
        client.salt = object.value(QLatin1String("salt")).toString().toUtf8();
        client.secretHash =
            QByteArray::fromHex(object.value(QLatin1String("secretHash")).toString().toLatin1());
        const QJsonArray roles = object.value(QLatin1String("roles")).toArray();
        for (const QJsonValue& role : roles)
            client.roles.append(role.toString());
        if (client.clientId.isEmpty() || client.secretHash.size() != 32) {
            *errorString =
                QStringLiteral("%1: a client needs clientId and a 32-byte secretHash").arg(path);
            return false;
        }
        m_clients.insert(client.clientId, client);
    }
    return true;
}

void ClientRegistry::add(const QString& clientId, const SecretValue& secret,
                         const QStringList& roles, const QString& subject)
{
    Client client;
    client.clientId = clientId;
    client.subject = subject.isEmpty() ? clientId : subject;
    client.roles = roles;
    client.salt = Random::bytes(16).toHex();
    client.secretHash = hashSecret(client.salt, secret);
    m_clients.insert(clientId, client);
}

std::optional<ClientRegistry::Client> ClientRegistry::authenticate(const QString& clientId,
                                                                   const SecretValue& secret) const
{
    const auto it = m_clients.constFind(clientId);
    // Unknown clients still cost one HMAC, so timing does not tell them apart.
    const QByteArray salt = it != m_clients.constEnd() ? it->salt : QByteArray("unknown-client");
    const QByteArray actual = hashSecret(salt, secret);
    if (it == m_clients.constEnd() || actual.size() != it->secretHash.size() || actual.isEmpty())
        return std::nullopt;
    if (CRYPTO_memcmp(actual.constData(), it->secretHash.constData(), size_t(actual.size())) != 0)
        return std::nullopt;
    return *it;
}

QByteArray ClientRegistry::hashSecret(const QByteArray& salt, const SecretValue& secret)
{
    return Kdf::hmacSha256(SecretValue(salt), secret.view());
}

void ClientRegistry::scrambleSecrets()
{
    for (Client& client : m_clients) {
        QByteArray secret = Random::bytes(32);
        client.salt = Random::bytes(16).toHex();
        client.secretHash = hashSecret(client.salt, SecretValue(secret));
        secret.fill('\0');
    }
}
