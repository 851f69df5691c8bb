#pragma once

// Shared by the tests that talk to the reference server: the server as a child process, and one
// request over HTTPS that trusts only the server's own CA. MINT_SERVER_PATH is defined by CMake.

#include "SecretValue.h"
#include "crypto/Seal.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QUrl>
#include <QUuid>

#include <utility>

namespace ServerTestSupport {

// One mint-config-server process; killed when destroyed.
class ServerProcess final {
public:
    enum class Output {
        Forwarded, // stderr goes to the test's stderr
        Captured,  // stdout and stderr are kept for output() (the canary)
    };
    explicit ServerProcess(Output output = Output::Forwarded)
        : m_capture(output == Output::Captured)
    {
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    // Starts the server on port (0: any free port) and reads its CLIENT, PORT and CA lines (at
    // most 30 s). "CA -" means plain HTTP (--insecure-http).
    bool start(const QStringList& extraArguments, quint16 port = 0)
    {
        m_port = 0;
        m_caPath.clear();
        bool caSeen = false;
        m_process.setProcessChannelMode(m_capture ? QProcess::SeparateChannels
                                                  : QProcess::ForwardedErrorChannel);
        m_process.setReadChannel(QProcess::StandardOutput);
        m_process.start(QStringLiteral(MINT_SERVER_PATH),
                        QStringList{QStringLiteral("--port"), QString::number(port)}
                            + extraArguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        const QDeadlineTimer deadline(30'000);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QByteArray raw = m_process.readLine();
                if (m_capture)
                    m_output += raw;
                const QStringList parts = QString::fromUtf8(raw).trimmed().split(QLatin1Char(' '));
                if (parts.size() == 3 && parts[0] == QLatin1String("CLIENT"))
                    m_secrets.insert(parts[1], parts[2].toUtf8());
                else if (parts.size() == 2 && parts[0] == QLatin1String("PORT"))
                    m_port = parts[1].toUShort();
                else if (parts.size() == 2 && parts[0] == QLatin1String("CA")) {
                    m_plainHttp = parts[1] == QLatin1String("-");
                    m_caPath = m_plainHttp ? QString() : parts[1];
                    caSeen = true;
                }
            }
            if (m_port != 0 && caSeen)
                return true;
            if (m_process.state() == QProcess::NotRunning)
                return false;
            m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        }
        return false;
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
    // TLS that trusts this server's CA and nothing else (never ignoreSslErrors).
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
    // For a client of a --clients file, whose secret the server does not print.
    void setSecret(const QString& clientId, const QByteArray& secret)
    {
        m_secrets.insert(clientId, secret);
    }
    [[nodiscard]] quint16 port() const { return m_port; }
    // Stops the process (for a restart with the same --db, or on the same port).
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5'000)) {
                m_process.kill();
                m_process.waitForFinished(5'000);
            }
        }
        if (m_capture)
            output();
    }
    // Output::Captured: everything the process wrote so far.
    QByteArray output()
    {
        m_output += m_process.readAllStandardOutput() + m_process.readAllStandardError();
        return m_output;
    }

private:
    QProcess m_process;
    bool m_capture;
    bool m_plainHttp = false;
    quint16 m_port = 0;
    QString m_caPath;
    QHash<QString, QByteArray> m_secrets;
    QByteArray m_output;
};

struct Response {
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QSslError> sslErrors;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    // The problem+json type without its common prefix, e.g. "version-mismatch".
    [[nodiscard]] QString problemType() const
    {
        return json()
            .value(QLatin1String("type"))
            .toString()
            .remove(QStringLiteral("https://mint-config.invalid/problems/"));
    }
};

// Sends one request and waits for it to finish (at most 20 s).
inline Response send(QNetworkAccessManager& network, QNetworkRequest request,
                     const QByteArray& verb, const QByteArray& body = {})
{
    request.setTransferTimeout(15'000);
    QNetworkReply* reply = network.sendCustomRequest(request, verb, body);
    Response response;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&response](const QList<QSslError>& errors) { response.sslErrors += errors; });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    response.finished = reply->isFinished() || finished.wait(20'000);
    if (!response.finished)
        reply->abort();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.error = reply->error();
    response.body = reply->readAll();
    const auto pairs = reply->rawHeaderPairs();
    for (const auto& [name, value] : pairs)
        response.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return response;
}

// A client of one ServerProcess: bearer tokens per client id, the server's sealing key, and the
// secret endpoints with sealed values. Each call waits for its response.
class ApiSession final {
public:
    explicit ApiSession(const ServerProcess& server)
        : m_server(&server)
    {
    }

    // A fresh connection pool (e.g. after the server restarted on another port).
    void reset(const ServerProcess& server)
    {
        m_server = &server;
        m_network.clearConnectionCache();
        m_tokens.clear();
        m_keyId.clear();
        m_publicKey.clear();
    }

    Response send(const QByteArray& verb, const QString& pathAndQuery, const QString& clientId,
                  const QByteArray& body = {},
                  const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        const QUrl relative(pathAndQuery);
        QUrl url = m_server->url(relative.path());
        url.setQuery(relative.query(QUrl::FullyEncoded), QUrl::StrictMode);
        QNetworkRequest request(url);
        request.setSslConfiguration(m_server->trustingOnlyItsCa());
        if (!clientId.isEmpty() && m_tokens.contains(clientId))
            request.setRawHeader("Authorization", "Bearer " + m_tokens.value(clientId));
        if (!body.isEmpty() || verb == "POST" || verb == "PATCH" || verb == "PUT")
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              pathAndQuery.startsWith(QLatin1String("/auth/"))
                                  ? QByteArrayLiteral("application/x-www-form-urlencoded")
                                  : QByteArrayLiteral("application/json"));
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        return ServerTestSupport::send(m_network, request, verb, body);
    }

    Response requestToken(const QString& clientId)
    {
        const QByteArray form =
            "grant_type=client_credentials&scope=signicat-api&client_id="
            + QUrl::toPercentEncoding(clientId) + "&client_secret="
            + QUrl::toPercentEncoding(QString::fromLatin1(m_server->secret(clientId)));
        return send("POST", QStringLiteral("/auth/open/connect/token"), QString(), form);
    }

    // Fetches and keeps a token for clientId; false on failure.
    bool fetchToken(const QString& clientId)
    {
        const Response response = requestToken(clientId);
        if (response.status != 200)
            return false;
        m_tokens.insert(clientId,
                        response.json().value(QLatin1String("access_token")).toString().toLatin1());
        return true;
    }

    [[nodiscard]] bool hasToken(const QString& clientId) const
    {
        return m_tokens.contains(clientId);
    }

    // A token for each of clientIds, then the sealing key with the first one's token; false when
    // any of it fails.
    bool signIn(const QStringList& clientIds)
    {
        for (const QString& clientId : clientIds) {
            if (!fetchToken(clientId))
                return false;
        }
        return !clientIds.isEmpty() && fetchPublicKey(clientIds.constFirst());
    }

    // Fetches the sealing key with clientId's token; false on failure.
    bool fetchPublicKey(const QString& clientId)
    {
        const Response response =
            send("GET", QStringLiteral("/mint/v1/secrets/public-key"), clientId);
        if (response.status != 200)
            return false;
        m_keyId = response.json().value(QLatin1String("keyId")).toString();
        const auto decoded = QByteArray::fromBase64Encoding(
            response.json().value(QLatin1String("publicKey")).toString().toLatin1(),
            QByteArray::Base64UrlEncoding);
        m_publicKey = decoded.decoded;
        return !m_keyId.isEmpty() && m_publicKey.size() == Seal::KeySize;
    }
    [[nodiscard]] QString keyId() const { return m_keyId; }
    [[nodiscard]] QByteArray publicKey() const { return m_publicKey; }
    // Seals to this key from now on (e.g. one the server has since rotated away).
    void useKey(const QString& keyId, const QByteArray& publicKey)
    {
        m_keyId = keyId;
        m_publicKey = publicKey;
    }

    // The sealed-value member for value and target ("create" or a secret id); keyIdLabel, when
    // given, is the keyId it claims instead of the key's own.
    [[nodiscard]] QJsonObject sealed(const QByteArray& value, const QString& target,
                                     const QString& keyIdLabel = {}) const
    {
        const auto bytes = Seal::seal(SecretValue(value), m_publicKey, m_keyId, target);
        if (!bytes)
            return {};
        return QJsonObject{{QLatin1String("keyId"), keyIdLabel.isEmpty() ? m_keyId : keyIdLabel},
                           {QLatin1String("sealed"),
                            QString::fromLatin1(bytes->toBase64(
                                QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))}};
    }

    Response create(const QString& name, const QString& clientId, const QByteArray& value = {})
    {
        return send(
            "POST", QStringLiteral("/mint/v1/secrets"), clientId,
            QJsonDocument(QJsonObject{{QLatin1String("name"), name},
                                      {QLatin1String("value"),
                                       sealed(value.isEmpty() ? "value of " + name.toUtf8() : value,
                                              QStringLiteral("create"))}})
                .toJson(QJsonDocument::Compact),
            {{"Idempotency-Key", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()}});
    }

    Response patch(const QString& id, const QJsonObject& body, qint64 version,
                   const QString& clientId)
    {
        return send("PATCH", QStringLiteral("/mint/v1/secrets/") + id, clientId,
                    QJsonDocument(body).toJson(QJsonDocument::Compact),
                    {{"If-Match", '"' + QByteArray::number(version) + '"'}});
    }

    Response remove(const QString& id, qint64 version, const QString& clientId)
    {
        return send("DELETE", QStringLiteral("/mint/v1/secrets/") + id, clientId, {},
                    {{"If-Match", '"' + QByteArray::number(version) + '"'}});
    }

    // A test hook (--test-hooks): PUT path with a JSON body, no token.
    Response putHook(const QString& path, const QJsonObject& body)
    {
        return send("PUT", path, QString(), QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    [[nodiscard]] QNetworkAccessManager& network() { return m_network; }

private:
    const ServerProcess* m_server;
    QNetworkAccessManager m_network;
    QHash<QString, QByteArray> m_tokens; // clientId -> access token
    QString m_keyId;
    QByteArray m_publicKey;
};

} // namespace ServerTestSupport
