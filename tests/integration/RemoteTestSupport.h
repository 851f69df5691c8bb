#pragma once

// Shared by the RemoteApiStore tests and bench_remote: a profile for a running
// mint-config-server, a raw client that acts as "another client" (and drives the test hooks),
// and waiting helpers.

#include "SecretValue.h"
#include "ServerTestSupport.h"
#include "remote/RemoteApiStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QUuid>

#include <functional>

namespace RemoteTestSupport {

inline RemoteProfile profileFor(const ServerTestSupport::ServerProcess& server,
                                const QString& clientId, bool trustCa = true)
{
    RemoteProfile profile;
    profile.id = QUuid::createUuid();
    profile.name = QStringLiteral("Test");
    profile.apiBaseUrl = server.url(QStringLiteral("/mint/v1"));
    profile.tokenUrl = server.url(QStringLiteral("/auth/open/connect/token"));
    profile.clientId = clientId;
    if (trustCa)
        profile.caFile = server.caPath();
    return profile;
}

inline SecretValue secretOf(const ServerTestSupport::ServerProcess& server, const QString& clientId)
{
    return SecretValue(server.secret(clientId));
}

// Runs the event loop until condition holds (at most timeoutMs); returns whether it did.
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs = 20'000)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// Runs the event loop for ms milliseconds.
inline void spin(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

// Requests as one client, by hand: "another client" for the store under test, and the test
// hooks (PUT /_test/faults, PUT /_test/flows/{id}, /_test/stats, digests, key rotation, …).
class RawClient final {
public:
    RawClient(const ServerTestSupport::ServerProcess& server, QString clientId)
        : m_session(server)
        , m_clientId(std::move(clientId))
    {
    }

    ServerTestSupport::Response send(const QByteArray& verb, const QString& path,
                                     const QByteArray& body = {},
                                     const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        if (!path.startsWith(QLatin1String("/_test")))
            ensureToken();
        return m_session.send(verb, path, m_clientId, body, headers);
    }

    // {keyId, sealed} for value and target, sealed to the server's current key.
    QJsonObject sealed(const QByteArray& value, const QString& target)
    {
        fetchCurrentKey();
        return m_session.sealed(value, target);
    }

    // Creates a secret; its JSON (empty on failure).
    QJsonObject create(const QString& name, const QByteArray& value = "raw value")
    {
        fetchCurrentKey();
        const auto response = m_session.create(name, m_clientId, value);
        return response.status == 201 ? response.json() : QJsonObject();
    }

    ServerTestSupport::Response patch(const QUuid& id, qint64 version, const QJsonObject& body)
    {
        ensureToken();
        return m_session.patch(id.toString(QUuid::WithoutBraces), body, version, m_clientId);
    }

    ServerTestSupport::Response remove(const QUuid& id, qint64 version)
    {
        ensureToken();
        return m_session.remove(id.toString(QUuid::WithoutBraces), version, m_clientId);
    }

    // PUT /_test/faults (needs --test-hooks); {} clears every fault.
    bool setFaults(const QJsonObject& faults)
    {
        return m_session.putHook(QStringLiteral("/_test/faults"), faults).status / 100 == 2;
    }

    // A test hook (--test-hooks) with a JSON body (none when empty).
    ServerTestSupport::Response hook(const QByteArray& verb, const QString& path,
                                     const QJsonObject& body = {})
    {
        return send(verb, path,
                    body.isEmpty() ? QByteArray()
                                   : QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    // GET /_test/stats: the server's request counters.
    QJsonObject stats() { return hook("GET", QStringLiteral("/_test/stats")).json(); }

    // GET /_test/secrets/{id}/digest: hex SHA-256 of the value the server stored (empty if none).
    QString digest(const QUuid& id)
    {
        return hook("GET", QStringLiteral("/_test/secrets/%1/digest")
                               .arg(id.toString(QUuid::WithoutBraces)))
            .json()
            .value(QLatin1String("sha256"))
            .toString();
    }

private:
    void ensureToken()
    {
        if (!m_session.hasToken(m_clientId))
            m_session.fetchToken(m_clientId);
    }
    // The key may have been rotated since the last call.
    void fetchCurrentKey()
    {
        ensureToken();
        m_session.fetchPublicKey(m_clientId);
    }

    ServerTestSupport::ApiSession m_session;
    QString m_clientId;
};

// The difference of one counter of GET /_test/stats between two readings.
inline qint64 statDelta(const QJsonObject& before, const QJsonObject& after, const char* name)
{
    return after.value(QLatin1String(name)).toInteger()
           - before.value(QLatin1String(name)).toInteger();
}

inline QString sha256Hex(QByteArrayView bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A --clients file with one client whose secret is known (for restarts with the same clients).
inline QByteArray clientsJson(const QString& clientId, const QByteArray& secret,
                              const QStringList& roles)
{
    const QByteArray salt = "0123456789abcdef";
    const QByteArray hash =
        QMessageAuthenticationCode::hash(secret, salt, QCryptographicHash::Sha256);
    return QJsonDocument(QJsonArray{QJsonObject{
                             {QLatin1String("clientId"), clientId},
                             {QLatin1String("subject"), clientId},
                             {QLatin1String("salt"), QString::fromLatin1(salt)},
                             {QLatin1String("secretHash"), QString::fromLatin1(hash.toHex())},
                             {QLatin1String("roles"), QJsonArray::fromStringList(roles)}}})
        .toJson();
}

// Every file below directory (recursively) whose contents contain needle.
inline QStringList filesContaining(const QString& directory, const QByteArray& needle)
{
    QStringList hits;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(path);
    }
    return hits;
}

// The forms a value could take if it leaked: clear, hex, base64 and base64url.
// Base64 is checked at the three alignments a value can have inside a longer encoding (the
// stable middle of each), so the value should be 24 bytes or longer.
inline QList<QByteArray> leakForms(const QByteArray& value)
{
    QList<QByteArray> forms{value, value.toHex(), value.toHex().toUpper()};
    for (int shift = 0; shift < 3; ++shift) {
        const QByteArray shifted = QByteArray(shift, 'x') + value;
        for (const auto options : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray encoded = shifted.toBase64(options);
            forms.append(encoded.mid(shift == 0 ? 0 : 4, encoded.size() - 8));
        }
    }
    return forms;
}

} // namespace RemoteTestSupport
