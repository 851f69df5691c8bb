// The fault switches of mint-config-server (tests/server/README.md), set at runtime through the
// --test-hooks endpoint PUT /_test/faults after a test has synced, and as command-line flags:
// added latency, every Nth request 429/503 with Retry-After (and no effect), dropped connections,
// truncated responses; the hooks and the token endpoint are exempt unless asked.

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <memory>

#include "ServerTestSupport.h"

using ServerTestSupport::ApiSession;
using ServerTestSupport::Response;
using ServerTestSupport::ServerProcess;

namespace {

const QString Admin = QStringLiteral("admin-bot");
const QString FaultsPath = QStringLiteral("/_test/faults");

} // namespace

class TestServerFaults final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiSession> m_session;

    Response me() { return m_session->send("GET", QStringLiteral("/mint/v1/me"), Admin); }

    bool setFaults(const QJsonObject& faults)
    {
        const Response response = m_session->putHook(FaultsPath, faults);
        return response.status == 200;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start({QStringLiteral("--test-hooks"), QStringLiteral("--add-client"),
                                 QStringLiteral("admin-bot:Mint Admin")}));
        m_session = std::make_unique<ApiSession>(*m_server);
        QVERIFY(m_session->signIn({Admin}));
    }

    void cleanup() { QVERIFY(setFaults({})); }

    void cleanupTestCase()
    {
        m_session.reset();
        m_server.reset();
    }

    void hookReportsSettings()
    {
        const Response set = m_session->putHook(
            FaultsPath, {{QLatin1String("latencyMs"), 5}, {QLatin1String("dropEvery"), 7}});
        QCOMPARE(set.status, 200);
        QCOMPARE(set.json().value(QLatin1String("latencyMs")).toInt(), 5);
        QCOMPARE(set.json().value(QLatin1String("dropEvery")).toInt(), 7);
        QCOMPARE(set.json().value(QLatin1String("retryAfterSeconds")).toInt(), 1);
        const Response cleared = m_session->putHook(FaultsPath, {});
        QCOMPARE(cleared.json().value(QLatin1String("latencyMs")).toInt(), 0);
        QCOMPARE(cleared.json().value(QLatin1String("dropEvery")).toInt(), 0);
        const Response got = m_session->send("GET", FaultsPath, QString());
        QCOMPARE(got.json(), cleared.json());
        const Response invalid =
            m_session->putHook(FaultsPath, {{QLatin1String("latencyMs"), QLatin1String("x")}});
        QCOMPARE(invalid.status, 400);
        QCOMPARE(invalid.problemType(), QStringLiteral("invalid-body"));
    }

    void latency()
    {
        QVERIFY(setFaults({{QLatin1String("latencyMs"), 300}}));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(me().status, 200);
        const qint64 slow = timer.elapsed();
        QVERIFY2(slow >= 300, qPrintable(QString::number(slow)));
        // The server is not blocked meanwhile: two requests in parallel take ~300 ms, not 600.
        QNetworkRequest request(m_server->url(QStringLiteral("/mint/v1/me")));
        request.setSslConfiguration(m_server->trustingOnlyItsCa());
        timer.restart();
        QNetworkAccessManager network;
        QNetworkReply* first = network.get(request);
        QNetworkReply* second = network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished() && second->isFinished(), 5'000);
        QVERIFY2(timer.elapsed() < 580, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        delete first;
        delete second;

        QVERIFY(setFaults({}));
        timer.restart();
        QCOMPARE(me().status, 200);
        QVERIFY2(timer.elapsed() < 250, qPrintable(QString::number(timer.elapsed())));
    }

    void everyNthRateLimited()
    {
        QVERIFY(setFaults(
            {{QLatin1String("rateLimitEvery"), 2}, {QLatin1String("retryAfterSeconds"), 0}}));
        QList<int> statuses;
        for (int i = 0; i < 4; ++i) {
            const Response response = me();
            statuses.append(response.status);
            if (response.status == 429) {
                QCOMPARE(response.headers.value("retry-after"), QByteArray("0"));
                QCOMPARE(response.headers.value("content-type"),
                         QByteArray("application/problem+json"));
                QCOMPARE(response.problemType(), QStringLiteral("rate-limited"));
                QCOMPARE(response.json().value(QLatin1String("status")).toInt(), 429);
            }
        }
        QCOMPARE(statuses, (QList<int>{200, 429, 200, 429}));
    }

    void unavailableHasNoEffect()
    {
        QVERIFY(setFaults(
            {{QLatin1String("unavailableEvery"), 1}, {QLatin1String("retryAfterSeconds"), 3}}));
        const Response refused = m_session->create(QStringLiteral("Never stored"), Admin);
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.headers.value("retry-after"), QByteArray("3"));
        QCOMPARE(refused.problemType(), QStringLiteral("unavailable"));
        // The token endpoint is exempt unless asked.
        QCOMPARE(m_session->requestToken(Admin).status, 200);
        QVERIFY(setFaults(
            {{QLatin1String("unavailableEvery"), 1}, {QLatin1String("includeToken"), true}}));
        QCOMPARE(m_session->requestToken(Admin).status, 503);

        QVERIFY(setFaults({}));
        const Response list =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets?search=never%20stored"), Admin);
        QCOMPARE(list.json().value(QLatin1String("total")).toInt(), 0);
    }

    void droppedConnection()
    {
        QVERIFY(setFaults({{QLatin1String("dropEvery"), 1}}));
        const Response response = me();
        QVERIFY(response.finished);
        QCOMPARE(response.status, 0);
        QCOMPARE(response.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(response.body.isEmpty());
        // The hook itself is exempt, so the test can turn the fault off again.
        QVERIFY(setFaults({}));
        QCOMPARE(me().status, 200);
    }

    void truncatedResponse()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_session->create(QStringLiteral("Listed %1").arg(i), Admin).status, 201);
        const Response full = m_session->send("GET", QStringLiteral("/mint/v1/secrets"), Admin);
        QCOMPARE(full.status, 200);
        QVERIFY(setFaults({{QLatin1String("truncateEvery"), 1}}));
        const Response cut = m_session->send("GET", QStringLiteral("/mint/v1/secrets"), Admin);
        QVERIFY(cut.finished);
        QVERIFY2(cut.error != QNetworkReply::NoError, "a truncated body is an error");
        QVERIFY(cut.body.size() < full.body.size());
    }

    void everyNthCounts()
    {
        // The faults share one count of requests since they were set; 429 wins over 503.
        // (A dropped connection is left out here: QNetworkAccessManager may resend the request
        // on a new connection by itself, which takes the next number.)
        QVERIFY(setFaults({{QLatin1String("rateLimitEvery"), 2},
                           {QLatin1String("unavailableEvery"), 3},
                           {QLatin1String("retryAfterSeconds"), 0}}));
        QList<int> statuses;
        for (int i = 0; i < 6; ++i)
            statuses.append(me().status);
        QCOMPARE(statuses, (QList<int>{200, 429, 503, 429, 200, 429}));
    }

    void commandLineFlags()
    {
        ServerProcess flagged;
        QVERIFY(flagged.start({QStringLiteral("--unavailable-every"), QStringLiteral("1"),
                               QStringLiteral("--retry-after"), QStringLiteral("0"),
                               QStringLiteral("--add-client"),
                               QStringLiteral("admin-bot:Mint Admin")}));
        ApiSession session(flagged);
        QVERIFY(session.fetchToken(Admin)); // exempt
        const Response response = session.send("GET", QStringLiteral("/mint/v1/me"), Admin);
        QCOMPARE(response.status, 503);
        QCOMPARE(response.headers.value("retry-after"), QByteArray("0"));
        // No --test-hooks: no way to change them, and no /_test at all.
        QCOMPARE(session.putHook(FaultsPath, {}).status, 404);
        QCOMPARE(session.send("GET", FaultsPath, QString()).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerFaults)
#include "tst_server_faults.moc"
