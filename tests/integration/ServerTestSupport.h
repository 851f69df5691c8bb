#pragma once

// Shared by the tests that talk to the reference server: the server as a child process, and one
// request over HTTPS that trusts only the server's own CA. MINT_SERVER_PATH is defined by CMake.

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

namespace ServerTestSupport {

// One mint-config-server process; killed when destroyed.
class ServerProcess final {
public:
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    // Starts the server on port 0 and reads its CLIENT, PORT and CA lines (at most 30 s).
    bool start(const QStringList& extraArguments)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setReadChannel(QProcess::StandardOutput);
        m_process.start(QStringLiteral(MINT_SERVER_PATH),
                        QStringList{QStringLiteral("--port"), QStringLiteral("0")}
                            + extraArguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        const QDeadlineTimer deadline(30'000);
        while (!deadline.hasExpired()) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                const QStringList parts = line.split(QLatin1Char(' '));
                if (parts.size() == 3 && parts[0] == QLatin1String("CLIENT"))
                    m_secrets.insert(parts[1], parts[2].toUtf8());
                else if (parts.size() == 2 && parts[0] == QLatin1String("PORT"))
                    m_port = parts[1].toUShort();
                else if (parts.size() == 2 && parts[0] == QLatin1String("CA"))
                    m_caPath = parts[1];
            }
            if (m_port != 0 && !m_caPath.isEmpty())
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
        result.setScheme(QStringLiteral("https"));
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

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_caPath;
    QHash<QString, QByteArray> m_secrets;
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

} // namespace ServerTestSupport
