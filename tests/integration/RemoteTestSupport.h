#pragma once

// Shared by the RemoteApiStore tests and bench_remote: a profile for a running
// mint-config-server, a raw client that acts as "another client" (and drives the test hooks),
// and waiting helpers. Needs ServerTestSupport.h (MINT_SERVER_PATH) included first.

#include "SecretValue.h"
#include "crypto/Seal.h"
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
#include <QNetworkAccessManager>
#include <QProcess>
#include <QUuid>

#include <functional>

namespace RemoteTestSupport {

template <typename Server>
RemoteProfile profileFor(const Server& server, const QString& clientId, bool trustCa = true)
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

template <typename Server> SecretValue secretOf(const Server& server, const QString& clientId)
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
template <typename Server> class BasicRawClient final {
public:
    BasicRawClient(const Server& server, QString clientId)
        : m_server(server)
        , m_clientId(std::move(clientId))
    {
    }

    ServerTestSupport::Response send(const QByteArray& verb, const QString& path,
                                     const QByteArray& body = {},
                                     const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        if (m_token.isEmpty() && !path.startsWith(QLatin1String("/_test")))
            fetchToken();
        const QUrl relative(path);
        QUrl url = m_server.url(relative.path());
        url.setQuery(relative.query(QUrl::FullyEncoded), QUrl::StrictMode);
        QNetworkRequest request(url);
        request.setSslConfiguration(m_server.trustingOnlyItsCa());
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token);
        if (!body.isEmpty() || verb == "POST" || verb == "PATCH" || verb == "PUT")
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        return ServerTestSupport::send(m_network, request, verb, body);
    }

    bool fetchToken()
    {
        const QByteArray form =
            "grant_type=client_credentials&scope=signicat-api&client_id="
            + QUrl::toPercentEncoding(m_clientId) + "&client_secret="
            + QUrl::toPercentEncoding(QString::fromLatin1(m_server.secret(m_clientId)));
        QNetworkRequest request(m_server.url(QStringLiteral("/auth/open/connect/token")));
        request.setSslConfiguration(m_server.trustingOnlyItsCa());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        const auto response = ServerTestSupport::send(m_network, request, "POST", form);
        m_token = response.json().value(QLatin1String("access_token")).toString().toLatin1();
        return !m_token.isEmpty();
    }

    // {keyId, sealed} for value and target, sealed to the server's current key.
    QJsonObject sealed(const QByteArray& value, const QString& target)
    {
        const auto key = send("GET", QStringLiteral("/mint/v1/secrets/public-key")).json();
        const QString keyId = key.value(QLatin1String("keyId")).toString();
        const QByteArray publicKey =
            QByteArray::fromBase64(key.value(QLatin1String("publicKey")).toString().toLatin1(),
                                   QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const auto bytes = Seal::seal(SecretValue(value), publicKey, keyId, target);
        return QJsonObject{{QLatin1String("keyId"), keyId},
                           {QLatin1String("sealed"),
                            QString::fromLatin1(bytes.value_or(QByteArray())
                                                    .toBase64(QByteArray::Base64UrlEncoding
                                                              | QByteArray::OmitTrailingEquals))}};
    }

    // Creates a secret; its JSON (empty on failure).
    QJsonObject create(const QString& name, const QByteArray& value = "raw value")
    {
        const QJsonObject body{{QLatin1String("name"), name},
                               {QLatin1String("value"), sealed(value, QStringLiteral("create"))}};
        const auto response = send(
            "POST", QStringLiteral("/mint/v1/secrets"),
            QJsonDocument(body).toJson(QJsonDocument::Compact),
            {{"Idempotency-Key", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()}});
        return response.status == 201 ? response.json() : QJsonObject();
    }

    ServerTestSupport::Response patch(const QUuid& id, qint64 version, const QJsonObject& body)
    {
        return send("PATCH",
                    QStringLiteral("/mint/v1/secrets/") + id.toString(QUuid::WithoutBraces),
                    QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"If-Match", '"' + QByteArray::number(version) + '"'}});
    }

    ServerTestSupport::Response remove(const QUuid& id, qint64 version)
    {
        return send("DELETE",
                    QStringLiteral("/mint/v1/secrets/") + id.toString(QUuid::WithoutBraces), {},
                    {{"If-Match", '"' + QByteArray::number(version) + '"'}});
    }

    // PUT /_test/faults (needs --test-hooks); {} clears every fault.
    bool setFaults(const QJsonObject& faults)
    {
        return send("PUT", QStringLiteral("/_test/faults"),
                    QJsonDocument(faults).toJson(QJsonDocument::Compact))
                       .status
                   / 100
               == 2;
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
    const Server& m_server;
    QString m_clientId;
    QNetworkAccessManager m_network;
    QByteArray m_token;
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

using RawClient = BasicRawClient<ServerTestSupport::ServerProcess>;

// A mint-config-server whose stdout and stderr are kept (for the canary), which can be stopped
// and started again on the same port. Same accessors as ServerTestSupport::ServerProcess.
class CapturingServer final {
public:
    ~CapturingServer() { stop(); }

    bool start(const QStringList& arguments)
    {
        m_process.setReadChannel(QProcess::StandardOutput);
        m_process.start(QStringLiteral(MINT_SERVER_PATH),
                        QStringList{QStringLiteral("--port"), QString::number(m_port)} + arguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        const QDeadlineTimer deadline(30'000);
        bool portSeen = false;
        bool caSeen = false;
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QByteArray raw = m_process.readLine();
                m_stdout += raw;
                const QStringList parts = QString::fromUtf8(raw).trimmed().split(QLatin1Char(' '));
                if (parts.size() == 3 && parts[0] == QLatin1String("CLIENT"))
                    m_secrets.insert(parts[1], parts[2].toUtf8());
                else if (parts.size() == 2 && parts[0] == QLatin1String("PORT")) {
                    m_port = parts[1].toUShort();
                    portSeen = true;
                } else if (parts.size() == 2 && parts[0] == QLatin1String("CA")) {
                    m_plainHttp = parts[1] == QLatin1String("-"); // --insecure-http
                    m_caPath = m_plainHttp ? QString() : parts[1];
                    caSeen = true;
                }
            }
            if (portSeen && caSeen)
                return true;
            if (m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        }
        return false;
    }

    // Kills the process (keeping the port and the captured output for a restart).
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
        m_stdout += m_process.readAllStandardOutput();
        m_stderr += m_process.readAllStandardError();
    }

    // Everything the process wrote so far.
    QByteArray output()
    {
        m_stdout += m_process.readAllStandardOutput();
        m_stderr += m_process.readAllStandardError();
        return m_stdout + m_stderr;
    }

    [[nodiscard]] QUrl url(const QString& path) const
    {
        QUrl result;
        result.setScheme(m_plainHttp ? QStringLiteral("http") : QStringLiteral("https"));
        result.setHost(QStringLiteral("127.0.0.1"));
        result.setPort(m_port);
        result.setPath(path);
        return result;
    }
    [[nodiscard]] QString caPath() const { return m_caPath; }
    [[nodiscard]] QSslConfiguration trustingOnlyItsCa() const
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(m_caPath));
        return configuration;
    }
    [[nodiscard]] QByteArray secret(const QString& clientId) const
    {
        return m_secrets.value(clientId);
    }
    void setSecret(const QString& clientId, const QByteArray& secret)
    {
        m_secrets.insert(clientId, secret);
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_caPath;
    bool m_plainHttp = false;
    QHash<QString, QByteArray> m_secrets;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

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
