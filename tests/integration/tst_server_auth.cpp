// Drives the real mint-config-server over HTTPS, trusting only the CA it generated: the token
// endpoint (docs/api.md §2) with both client authentication methods and each error, /mint/v1/me
// with the role -> permission table (§3), bearer token failures as problem+json (§6), token
// expiry, and that an untrusted CA is refused.

#include "SecretValue.h"
#include "crypto/Kdf.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslError>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

#include "ServerTestSupport.h"

using ServerTestSupport::Response;
using ServerTestSupport::ServerProcess;

namespace {

const QString AdminRole = QStringLiteral("Mint Admin");
const QString EditorRole = QStringLiteral("Mint Editor");

QByteArray formBody(const QList<std::pair<QByteArray, QByteArray>>& fields)
{
    QByteArray body;
    for (const auto& [name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(QString::fromUtf8(name)) + '='
                + QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return body;
}

QByteArray basicAuthorization(const QByteArray& clientId, const QByteArray& secret)
{
    return "Basic "
           + (QUrl::toPercentEncoding(QString::fromUtf8(clientId)) + ':'
              + QUrl::toPercentEncoding(QString::fromUtf8(secret)))
                 .toBase64();
}

} // namespace

class TestServerAuth final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    ServerProcess* m_current = nullptr; // the server the helpers talk to
    QNetworkAccessManager m_network;

    Response postToken(const QByteArray& body, const QByteArray& authorization = {})
    {
        QNetworkRequest request(m_current->url(QStringLiteral("/auth/open/connect/token")));
        request.setSslConfiguration(m_current->trustingOnlyItsCa());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        return ServerTestSupport::send(m_network, request, "POST", body);
    }

    Response tokenFor(const QString& clientId)
    {
        return postToken(formBody({{"grant_type", "client_credentials"},
                                   {"scope", "signicat-api"},
                                   {"client_id", clientId.toUtf8()},
                                   {"client_secret", m_current->secret(clientId)}}));
    }

    Response me(const QByteArray& authorization)
    {
        QNetworkRequest request(m_current->url(QStringLiteral("/mint/v1/me")));
        request.setSslConfiguration(m_current->trustingOnlyItsCa());
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        return ServerTestSupport::send(m_network, request, "GET");
    }

    static void verifyUnauthorizedProblem(const Response& response)
    {
        QVERIFY(response.finished);
        QCOMPARE(response.status, 401);
        QCOMPARE(response.headers.value("content-type"), QByteArray("application/problem+json"));
        QVERIFY(response.headers.value("www-authenticate")
                    .startsWith(R"(Bearer realm="mint", error="invalid_token")"));
        const QJsonObject problem = response.json();
        QCOMPARE(problem.value(QLatin1String("type")).toString(),
                 QStringLiteral("https://mint-config.invalid/problems/unauthorized"));
        QCOMPARE(problem.value(QLatin1String("status")).toInt(), 401);
        QVERIFY(!problem.value(QLatin1String("title")).toString().isEmpty());
        QVERIFY(!problem.value(QLatin1String("detail")).toString().isEmpty());
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(
            {QStringLiteral("--add-client"), QStringLiteral("admin-bot:Mint Admin"),
             QStringLiteral("--add-client"), QStringLiteral("editor-bot:Mint Editor"),
             QStringLiteral("--add-client"), QStringLiteral("nobody:")}));
        m_current = m_server.get();
        QVERIFY(!m_server->secret(QStringLiteral("admin-bot")).isEmpty());
        QVERIFY(!QSslCertificate::fromPath(m_current->caPath()).isEmpty());
    }

    void cleanupTestCase()
    {
        m_current = nullptr;
        m_server.reset();
    }

    void tokenViaClientSecretPost()
    {
        const Response response = tokenFor(QStringLiteral("admin-bot"));
        QVERIFY(response.finished);
        QCOMPARE(response.error, QNetworkReply::NoError);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.headers.value("cache-control"), QByteArray("no-store"));
        const QJsonObject token = response.json();
        QCOMPARE(token.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(token.value(QLatin1String("expires_in")).toInt(), 3600);
        QCOMPARE(token.value(QLatin1String("scope")).toString(), QStringLiteral("signicat-api"));
        // 32 random bytes in base64url: 43 characters.
        QVERIFY(token.value(QLatin1String("access_token")).toString().size() >= 43);
    }

    void tokenViaBasic()
    {
        const Response response = postToken(
            formBody({{"grant_type", "client_credentials"}, {"scope", "signicat-api"}}),
            basicAuthorization("editor-bot", m_server->secret(QStringLiteral("editor-bot"))));
        QVERIFY(response.finished);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.headers.value("cache-control"), QByteArray("no-store"));
        QVERIFY(!response.json().value(QLatin1String("access_token")).toString().isEmpty());
    }

    void tokensAreDistinct()
    {
        const QString first = tokenFor(QStringLiteral("admin-bot"))
                                  .json()
                                  .value(QLatin1String("access_token"))
                                  .toString();
        const QString second = tokenFor(QStringLiteral("admin-bot"))
                                   .json()
                                   .value(QLatin1String("access_token"))
                                   .toString();
        QVERIFY(!first.isEmpty());
        QVERIFY(first != second);
    }

    void invalidClient_data()
    {
        QTest::addColumn<bool>("basic");
        QTest::addColumn<QByteArray>("clientId");
        QTest::addColumn<bool>("rightSecret");
        QTest::newRow("post, wrong secret") << false << QByteArray("admin-bot") << false;
        QTest::newRow("post, unknown client") << false << QByteArray("stranger") << true;
        QTest::newRow("basic, wrong secret") << true << QByteArray("admin-bot") << false;
        QTest::newRow("basic, unknown client") << true << QByteArray("stranger") << true;
    }

    void invalidClient()
    {
        QFETCH(bool, basic);
        QFETCH(QByteArray, clientId);
        QFETCH(bool, rightSecret);
        const QByteArray secret = rightSecret ? m_server->secret(QStringLiteral("admin-bot"))
                                              : QByteArray("not-the-secret");
        const Response response = basic ? postToken(formBody({{"grant_type", "client_credentials"},
                                                              {"scope", "signicat-api"}}),
                                                    basicAuthorization(clientId, secret))
                                        : postToken(formBody({{"grant_type", "client_credentials"},
                                                              {"scope", "signicat-api"},
                                                              {"client_id", clientId},
                                                              {"client_secret", secret}}));
        QVERIFY(response.finished);
        QCOMPARE(response.status, 401);
        QCOMPARE(response.json().value(QLatin1String("error")).toString(),
                 QStringLiteral("invalid_client"));
        QCOMPARE(response.headers.value("www-authenticate"),
                 basic ? QByteArray(R"(Basic realm="mint")") : QByteArray());
        QVERIFY(!response.body.contains(secret));
    }

    void badRequest_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("alsoBasic");
        QTest::addColumn<QString>("error");
        const QByteArray id = "admin-bot";
        QTest::newRow("grant type") << formBody({{"grant_type", "password"},
                                                 {"scope", "signicat-api"},
                                                 {"client_id", id},
                                                 {"client_secret", "x"}})
                                    << false << QStringLiteral("unsupported_grant_type");
        QTest::newRow("scope") << formBody({{"grant_type", "client_credentials"},
                                            {"scope", "openid"},
                                            {"client_id", id},
                                            {"client_secret", "SECRET"}})
                               << false << QStringLiteral("invalid_scope");
        QTest::newRow("no grant type")
            << formBody({{"scope", "signicat-api"}, {"client_id", id}, {"client_secret", "x"}})
            << false << QStringLiteral("invalid_request");
        QTest::newRow("no secret") << formBody(
            {{"grant_type", "client_credentials"}, {"scope", "signicat-api"}, {"client_id", id}})
                                   << false << QStringLiteral("invalid_request");
        QTest::newRow("repeated field") << formBody({{"grant_type", "client_credentials"},
                                                     {"grant_type", "client_credentials"},
                                                     {"scope", "signicat-api"},
                                                     {"client_id", id},
                                                     {"client_secret", "x"}})
                                        << false << QStringLiteral("invalid_request");
        QTest::newRow("both methods") << formBody({{"grant_type", "client_credentials"},
                                                   {"scope", "signicat-api"},
                                                   {"client_id", id},
                                                   {"client_secret", "x"}})
                                      << true << QStringLiteral("invalid_request");
    }

    void badRequest()
    {
        QFETCH(QByteArray, body);
        QFETCH(bool, alsoBasic);
        QFETCH(QString, error);
        // "SECRET" stands for the admin's real secret, so the scope check is reached.
        body.replace("SECRET", QUrl::toPercentEncoding(QString::fromUtf8(
                                   m_server->secret(QStringLiteral("admin-bot")))));
        const Response response =
            postToken(body, alsoBasic ? basicAuthorization(
                                "admin-bot", m_server->secret(QStringLiteral("admin-bot")))
                                      : QByteArray());
        QVERIFY(response.finished);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.json().value(QLatin1String("error")).toString(), error);
        QCOMPARE(response.headers.value("content-type"), QByteArray("application/json"));
    }

    void meShowsPermissions_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<QStringList>("permissions");
        QTest::newRow("admin") << QStringLiteral("admin-bot") << QStringList{AdminRole}
                               << QStringList{QStringLiteral("secrets:read"),
                                              QStringLiteral("secrets:write"),
                                              QStringLiteral("secrets:delete")};
        QTest::newRow("editor") << QStringLiteral("editor-bot") << QStringList{EditorRole}
                                << QStringList{QStringLiteral("secrets:read"),
                                               QStringLiteral("secrets:write")};
        QTest::newRow("no role") << QStringLiteral("nobody") << QStringList() << QStringList();
    }

    void meShowsPermissions()
    {
        QFETCH(QString, clientId);
        QFETCH(QStringList, roles);
        QFETCH(QStringList, permissions);
        const QString token =
            tokenFor(clientId).json().value(QLatin1String("access_token")).toString();
        QVERIFY(!token.isEmpty());
        const Response response = me("Bearer " + token.toLatin1());
        QVERIFY(response.finished);
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.value(QLatin1String("subject")).toString(), clientId);
        QVERIFY(body.value(QLatin1String("roles")).isArray());
        QVERIFY(body.value(QLatin1String("permissions")).isArray());
        QCOMPARE(body.value(QLatin1String("roles")).toVariant().toStringList(), roles);
        QStringList granted = body.value(QLatin1String("permissions")).toVariant().toStringList();
        granted.sort();
        permissions.sort();
        QCOMPARE(granted, permissions);
        // grantedBy is the same role table for everyone (docs/api.md §3 and §4, /me).
        const QJsonObject grantedBy = body.value(QLatin1String("grantedBy")).toObject();
        QCOMPARE(grantedBy.keys(),
                 (QStringList{QStringLiteral("secrets:delete"), QStringLiteral("secrets:read"),
                              QStringLiteral("secrets:write")}));
        QCOMPARE(grantedBy.value(QLatin1String("secrets:read")).toVariant().toStringList(),
                 (QStringList{AdminRole, EditorRole}));
        QCOMPARE(grantedBy.value(QLatin1String("secrets:write")).toVariant().toStringList(),
                 (QStringList{AdminRole, EditorRole}));
        QCOMPARE(grantedBy.value(QLatin1String("secrets:delete")).toVariant().toStringList(),
                 QStringList{AdminRole});
    }

    void meWithoutToken() { verifyUnauthorizedProblem(me({})); }

    void meWithBogusToken()
    {
        verifyUnauthorizedProblem(me("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        verifyUnauthorizedProblem(
            me(basicAuthorization("admin-bot", m_server->secret(QStringLiteral("admin-bot")))));
    }

    void expiredToken()
    {
        // A second server whose tokens live one second.
        ServerProcess shortLived;
        QVERIFY(shortLived.start({QStringLiteral("--token-lifetime"), QStringLiteral("1"),
                                  QStringLiteral("--add-client"),
                                  QStringLiteral("admin-bot:Mint Admin")}));
        m_current = &shortLived;
        const auto restore = qScopeGuard([this] { m_current = m_server.get(); });

        const Response tokenResponse = tokenFor(QStringLiteral("admin-bot"));
        QCOMPARE(tokenResponse.status, 200);
        QCOMPARE(tokenResponse.json().value(QLatin1String("expires_in")).toInt(), 1);
        const QByteArray bearer =
            "Bearer "
            + tokenResponse.json().value(QLatin1String("access_token")).toString().toLatin1();
        QCOMPARE(me(bearer).status, 200);
        QTest::qWait(1'500);
        verifyUnauthorizedProblem(me(bearer));
    }

    void clientsFromFile()
    {
        // The file holds only salt and hex(HMAC-SHA256(key = salt, data = secret)).
        const QByteArray secret = "file-client-secret";
        const QByteArray salt = "0123456789abcdef";
        const QJsonArray clients{
            QJsonObject{{QLatin1String("clientId"), QLatin1String("file-bot")},
                        {QLatin1String("secretHash"),
                         QString::fromLatin1(Kdf::hmacSha256(SecretValue(salt), secret).toHex())},
                        {QLatin1String("salt"), QString::fromLatin1(salt)},
                        {QLatin1String("roles"), QJsonArray{EditorRole}},
                        {QLatin1String("subject"), QLatin1String("ci@example.com")}}};
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("clients.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(clients).toJson());
        file.close();

        ServerProcess fromFile;
        QVERIFY(fromFile.start({QStringLiteral("--clients"), path}));
        m_current = &fromFile;
        const auto restore = qScopeGuard([this] { m_current = m_server.get(); });

        const Response wrong = postToken(formBody({{"grant_type", "client_credentials"},
                                                   {"scope", "signicat-api"},
                                                   {"client_id", "file-bot"},
                                                   {"client_secret", "wrong"}}));
        QCOMPARE(wrong.status, 401);
        const Response token = postToken(formBody({{"grant_type", "client_credentials"},
                                                   {"scope", "signicat-api"},
                                                   {"client_id", "file-bot"},
                                                   {"client_secret", secret}}));
        QCOMPARE(token.status, 200);
        const Response response =
            me("Bearer " + token.json().value(QLatin1String("access_token")).toString().toLatin1());
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("subject")).toString(),
                 QStringLiteral("ci@example.com"));
        QCOMPARE(response.json().value(QLatin1String("roles")).toVariant().toStringList(),
                 QStringList{EditorRole});
    }

    void wrongServerNameIsRefused()
    {
        // A server whose certificate (from the trusted CA) names another host.
        ServerProcess misnamed;
        QVERIFY(misnamed.start({QStringLiteral("--server-name"), QStringLiteral("mint.invalid")}));
        QNetworkAccessManager network;
        QNetworkRequest request(misnamed.url(QStringLiteral("/mint/v1/me")));
        request.setSslConfiguration(misnamed.trustingOnlyItsCa());
        const Response response = ServerTestSupport::send(network, request, "GET");
        QVERIFY(response.finished);
        QCOMPARE(response.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(response.status, 0);
        bool mismatch = false;
        for (const QSslError& error : response.sslErrors)
            mismatch = mismatch || error.error() == QSslError::HostNameMismatch;
        QVERIFY2(mismatch, "the certificate names another host");

        // The same CA with the right name is accepted.
        ServerProcess named;
        QVERIFY(named.start({QStringLiteral("--server-name"), QStringLiteral("127.0.0.1")}));
        QNetworkRequest good(named.url(QStringLiteral("/mint/v1/me")));
        good.setSslConfiguration(named.trustingOnlyItsCa());
        const Response accepted = ServerTestSupport::send(network, good, "GET");
        QCOMPARE(accepted.status, 401); // TLS passed; no token
        QVERIFY(accepted.sslErrors.isEmpty());
    }

    void untrustedCaIsRefused()
    {
        // A separate manager, so no connection made with the trusted configuration is reused.
        QNetworkAccessManager network;
        QNetworkRequest request(m_server->url(QStringLiteral("/mint/v1/me")));
        request.setSslConfiguration(QSslConfiguration::defaultConfiguration());
        const Response response = ServerTestSupport::send(network, request, "GET");
        QVERIFY(response.finished);
        QCOMPARE(response.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(response.status, 0);
        QVERIFY(!response.sslErrors.isEmpty());
        bool untrusted = false;
        for (const QSslError& error : response.sslErrors) {
            switch (error.error()) {
            case QSslError::UnableToGetLocalIssuerCertificate:
            case QSslError::UnableToVerifyFirstCertificate:
            case QSslError::CertificateUntrusted:
            case QSslError::SelfSignedCertificateInChain:
                untrusted = true;
                break;
            default:
                break;
            }
        }
        QVERIFY2(untrusted, "the server certificate should be untrusted without the test CA");
    }
};

QTEST_GUILESS_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
