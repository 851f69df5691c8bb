// RemoteApiStore under the faults of docs/api.md §7, against the real mint-config-server and its
// fault switches (PUT /_test/faults): 429 and 503 with Retry-After retried (and given up on),
// dropped connections and truncated bodies (GET and POST retried, PATCH/DELETE reloaded and
// reported as OutcomeUnknown), a token that expires between requests, the server going away and
// coming back, and the canary: a value never appears in clear, hex or base64 in a request body,
// the cache, the settings or the server's output.

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "ServerTestSupport.h"
// clang-format off
#include "RemoteTestSupport.h"
#include "TestSupport.h"
// clang-format on

using RemoteTestSupport::RawClient;
using ServerTestSupport::ServerProcess;
using TestSupport::await;

namespace {
const QString Admin = QStringLiteral("admin-bot");

QJsonObject faults(std::initializer_list<std::pair<const char*, int>> members)
{
    QJsonObject object;
    for (const auto& [name, value] : members)
        object.insert(QLatin1String(name), value);
    return object;
}

bool hasName(const QList<Secret>& secrets, const QString& name)
{
    return std::any_of(secrets.cbegin(), secrets.cend(),
                       [&name](const Secret& secret) { return secret.name == name; });
}
} // namespace

class TestRemoteResilience final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<RawClient> m_hooks;
    std::unique_ptr<QTemporaryDir> m_cacheDir;

    std::unique_ptr<RemoteApiStore> signedIn()
    {
        auto store = std::make_unique<RemoteApiStore>(
            RemoteTestSupport::profileFor(*m_server, Admin), m_cacheDir->path());
        store->setRefreshInterval(0);
        store->open();
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin)));
        if (!result.ok())
            return nullptr;
        return store;
    }

    static void refreshAndWait(RemoteApiStore& store)
    {
        store.refresh();
        QVERIFY(RemoteTestSupport::waitUntil([&] { return !store.isSyncing(); }, 60'000));
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(
            m_server->start({QStringLiteral("--add-client"), Admin + QStringLiteral(":Mint Admin"),
                             QStringLiteral("--test-hooks")}));
        m_hooks = std::make_unique<RawClient>(*m_server, Admin);
    }

    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cacheDir->isValid());
        QVERIFY(m_hooks->setFaults({}));
    }

    void cleanup() { QVERIFY(m_hooks->setFaults({})); }

    void rateLimitedIsRetried_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("429") << QStringLiteral("rateLimitEvery");
        QTest::newRow("503") << QStringLiteral("unavailableEvery");
    }
    void rateLimitedIsRetried()
    {
        QFETCH(QString, fault);
        auto store = signedIn();
        QVERIFY(store);
        // Every 2nd request is refused with Retry-After: 1; each is retried after it.
        QJsonObject switches{{fault, 2}, {QLatin1String("retryAfterSeconds"), 1}};
        QVERIFY(m_hooks->setFaults(switches));
        QElapsedTimer clock;
        clock.start();
        const auto created =
            await(store->create(QStringLiteral("Busy ") + fault, SecretValue::fromText(u"busy")));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        QVERIFY2(clock.elapsed() >= 950, "Retry-After was not honoured");
        const auto updated = await(
            store->update(created.value().id, 1, QStringLiteral("Busy 2 ") + fault, std::nullopt));
        QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
        refreshAndWait(*store);
        refreshAndWait(*store);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QVERIFY(!store->lastSyncError().isError());
    }

    void persistentRateLimitGivesUp()
    {
        auto store = signedIn();
        QVERIFY(store);
        QVERIFY(m_hooks->setFaults(faults({{"rateLimitEvery", 1}, {"retryAfterSeconds", 1}})));
        QElapsedTimer clock;
        clock.start();
        const auto created =
            await(store->create(QStringLiteral("Never"), SecretValue::fromText(u"never")));
        QCOMPARE(created.error().code(), StoreError::Code::RateLimited);
        // 4 retries after max(1 s, backoff) each, plus up to 50 % jitter: 5 s to 7.5 s.
        QVERIFY2(clock.elapsed() >= 4900 && clock.elapsed() < 12'000,
                 qPrintable(QString::number(clock.elapsed())));

        QSignalSpy status(store.get(), &SecretStore::statusChanged);
        refreshAndWait(*store);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->isReadOnly());
        QCOMPARE(store->lastSyncError().code(), StoreError::Code::RateLimited);
        QVERIFY(status.count() >= 2);

        // The next refresh that succeeds brings it back.
        QVERIFY(m_hooks->setFaults({}));
        refreshAndWait(*store);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QVERIFY(!store->isReadOnly());
        QVERIFY(!store->lastSyncError().isError());
    }

    void droppedOrTruncatedGetIsRetried_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("dropped") << QStringLiteral("dropEvery");
        QTest::newRow("truncated") << QStringLiteral("truncateEvery");
    }
    void droppedOrTruncatedGetIsRetried()
    {
        QFETCH(QString, fault);
        auto store = signedIn();
        QVERIFY(store);
        RawClient other(*m_server, Admin);
        QVERIFY(!other.create(QStringLiteral("Seen after retry ") + fault).isEmpty());
        QVERIFY(m_hooks->setFaults({{fault, 1}}));
        // Every request fails: the GET is retried 4 times, then the store goes offline.
        refreshAndWait(*store);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->lastSyncError().isError());

        QVERIFY(m_hooks->setFaults({{fault, 2}}));
        refreshAndWait(*store); // request 1 passes (the /me after being offline)…
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QVERIFY(!store->lastSyncError().isError());
        QVERIFY(hasName(await(store->list()).value(), QStringLiteral("Seen after retry ") + fault));
    }

    void droppedPostIsRepeatedWithItsKey()
    {
        auto store = signedIn();
        QVERIFY(store);
        QVERIFY(await(store->create(QStringLiteral("Warm key"), SecretValue::fromText(u"w"))).ok());
        QVERIFY(m_hooks->setFaults({{QLatin1String("dropEvery"), 2}}));
        refreshAndWait(*store); // request 1
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        // Request 2, the POST, is carried out but its answer is lost; the repeat (same
        // Idempotency-Key) gets the original 201 replayed.
        const auto created =
            await(store->create(QStringLiteral("Exactly once"), SecretValue::fromText(u"once")));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        QCOMPARE(added.count(), 1);
        QVERIFY(m_hooks->setFaults({}));
        const auto listed =
            RawClient(*m_server, Admin)
                .send("GET", QStringLiteral("/mint/v1/secrets?search=Exactly%20once"));
        QCOMPARE(listed.json().value(QLatin1String("total")).toInt(), 1);
    }

    void lostPatchIsReloaded_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("dropped") << QStringLiteral("dropEvery");
        QTest::newRow("truncated") << QStringLiteral("truncateEvery");
    }
    void lostPatchIsReloaded()
    {
        QFETCH(QString, fault);
        auto store = signedIn();
        QVERIFY(store);
        const auto created =
            await(store->create(QStringLiteral("Patched ") + fault, SecretValue::fromText(u"p")));
        QVERIFY(created.ok());
        QVERIFY(m_hooks->setFaults({{fault, 2}}));
        refreshAndWait(*store); // request 1
        QSignalSpy changed(store.get(), &SecretStore::secretChanged);
        const auto renamed = await(store->update(
            created.value().id, 1, QStringLiteral("Patched (new) ") + fault, std::nullopt));
        QCOMPARE(renamed.error().code(), StoreError::Code::OutcomeUnknown);
        // The reload found the rename carried out.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<Secret>().name,
                 QStringLiteral("Patched (new) ") + fault);
        QCOMPARE(changed.first().first().value<Secret>().version, 2);
    }

    void lostDeleteIsReloaded()
    {
        auto store = signedIn();
        QVERIFY(store);
        const auto created =
            await(store->create(QStringLiteral("Deleted blind"), SecretValue::fromText(u"d")));
        QVERIFY(created.ok());
        QVERIFY(m_hooks->setFaults({{QLatin1String("dropEvery"), 2}}));
        refreshAndWait(*store); // request 1
        QSignalSpy removed(store.get(), &SecretStore::secretRemoved);
        const auto gone = await(store->remove(created.value().id, 1));
        // Qt itself repeats a DELETE whose kept-alive connection drops while waiting (and says
        // nothing of it: no body, no requestSent); the repeat answers 404. Either way the row goes
        // because the server no longer has it, and nothing else happened.
        QVERIFY2(gone.error().code() == StoreError::Code::OutcomeUnknown
                     || gone.error().code() == StoreError::Code::NotFound,
                 qPrintable(gone.error().message()));
        QCOMPARE(removed.count(), 1);
        QVERIFY(!hasName(await(store->list()).value(), QStringLiteral("Deleted blind")));
    }

    void tokenExpiringBetweenRequestsIsRenewed()
    {
        // The client renews a token shortly before it expires. With a second of latency on every
        // answer (the token's too), a token arrives a second old, so the client still trusts it
        // when the server no longer does: 401, a new token, and the same request again.
        ServerProcess server;
        QVERIFY(server.start({QStringLiteral("--add-client"), Admin + QStringLiteral(":Mint Admin"),
                              QStringLiteral("--test-hooks"), QStringLiteral("--token-lifetime"),
                              QStringLiteral("2")}));
        auto store = std::make_unique<RemoteApiStore>(RemoteTestSupport::profileFor(server, Admin),
                                                      m_cacheDir->path());
        store->setRefreshInterval(0);
        QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(server, Admin))).ok());
        RawClient hooks(server, Admin);
        QVERIFY(hooks.setFaults(QJsonObject{{QLatin1String("latencyMs"), 1000},
                                            {QLatin1String("includeToken"), true}}));
        RemoteTestSupport::spin(2100);
        for (int i = 0; i < 3; ++i) {
            refreshAndWait(*store);
            QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
            QVERIFY2(!store->lastSyncError().isError(),
                     qPrintable(store->lastSyncError().message()));
            RemoteTestSupport::spin(300);
        }
    }

    void serverDownGoesOfflineAndBack()
    {
        QTemporaryDir dataDir;
        const QByteArray secret = "fixed-secret-for-restarts-0123456789";
        const QString clients = dataDir.filePath(QStringLiteral("clients.json"));
        {
            QFile file(clients);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(
                RemoteTestSupport::clientsJson(Admin, secret, {QStringLiteral("Mint Admin")}));
        }
        // Plain HTTP on loopback (allowed for tests): a restarted server makes a new CA, which a
        // store rightly refuses; the data and the clients survive through --db and --clients.
        const QStringList arguments{QStringLiteral("--clients"), clients, QStringLiteral("--db"),
                                    dataDir.filePath(QStringLiteral("server.db")),
                                    QStringLiteral("--insecure-http")};
        ServerProcess server;
        QVERIFY(server.start(arguments));
        server.setSecret(Admin, secret);
        const RemoteProfile profile = RemoteTestSupport::profileFor(server, Admin);
        auto store = std::make_unique<RemoteApiStore>(profile, m_cacheDir->path());
        store->setRefreshInterval(0);
        QVERIFY(await(store->signIn(SecretValue(secret))).ok());
        const auto created =
            await(store->create(QStringLiteral("Survives outage"), SecretValue::fromText(u"o")));
        QVERIFY(created.ok());

        server.stop();
        QSignalSpy status(store.get(), &SecretStore::statusChanged);
        refreshAndWait(*store);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->isReadOnly());
        QCOMPARE(store->lastSyncError().code(), StoreError::Code::Unreachable);
        QVERIFY(status.count() >= 2);
        QVERIFY(hasName(await(store->list()).value(), QStringLiteral("Survives outage")));
        QCOMPARE(
            await(store->create(QStringLiteral("x"), SecretValue::fromText(u"x"))).error().code(),
            StoreError::Code::ReadOnly);
        QCOMPARE(await(store->update(created.value().id, 1, QStringLiteral("y"), std::nullopt))
                     .error()
                     .code(),
                 StoreError::Code::ReadOnly);
        QCOMPARE(await(store->remove(created.value().id, 1)).error().code(),
                 StoreError::Code::ReadOnly);

        // A new store on the same cache shows the rows at once, before signing in.
        {
            RemoteApiStore second(profile, m_cacheDir->path());
            QSignalSpy reset(&second, &SecretStore::secretsReset);
            second.open();
            QCOMPARE(reset.count(), 1);
            QVERIFY(hasName(reset.first().first().value<QList<Secret>>(),
                            QStringLiteral("Survives outage")));
        }

        // The server comes back on the same port with the same data: the next refresh succeeds.
        QVERIFY(server.start(arguments, server.port()));
        refreshAndWait(*store);
        QVERIFY2(!store->lastSyncError().isError(), qPrintable(store->lastSyncError().message()));
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QVERIFY(!store->lastSyncError().isError());
        QVERIFY(
            await(store->create(QStringLiteral("After outage"), SecretValue::fromText(u"a"))).ok());
    }

    void canary()
    {
        QTemporaryDir dataDir;
        const QString recording = dataDir.filePath(QStringLiteral("bodies.txt"));
        ServerProcess server(ServerProcess::Output::Captured);
        QVERIFY(server.start({QStringLiteral("--add-client"), Admin + QStringLiteral(":Mint Admin"),
                              QStringLiteral("--record-bodies"), recording}));
        const QByteArray value =
            "canary-" + QUuid::createUuid().toByteArray(QUuid::Id128) + "-value";
        const QByteArray second =
            "canary-" + QUuid::createUuid().toByteArray(QUuid::Id128) + "-second";
        {
            auto store = std::make_unique<RemoteApiStore>(
                RemoteTestSupport::profileFor(server, Admin), m_cacheDir->path());
            store->open();
            QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(server, Admin))).ok());
            const auto created = await(store->create(QStringLiteral("Canary"), SecretValue(value)));
            QVERIFY2(created.ok(), qPrintable(created.error().message()));
            const auto updated =
                await(store->update(created.value().id, 1, std::nullopt, SecretValue(second)));
            QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
            const auto failedWrite =
                await(store->create(QStringLiteral("Canary"), SecretValue(value)));
            QCOMPARE(failedWrite.error().code(), StoreError::Code::NameTaken);
            QVERIFY(!failedWrite.error().message().contains(QString::fromLatin1(value)));
        }
        server.stop();
        const QByteArray bodies = TestSupport::readAll(recording);
        QVERIFY2(bodies.contains("\"sealed\""), "the recording holds no sealed value");
        const QByteArray output = server.output();
        const QByteArray clientSecret = server.secret(Admin);
        QStringList places{m_cacheDir->path()};
        for (const auto location :
             {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation,
              QStandardPaths::GenericCacheLocation}) {
            const QString path = QStandardPaths::writableLocation(location);
            if (path.contains(QLatin1String("/home/tst_remote_resilience/")))
                places.append(path); // the private locations ctest gives this test
        }
        for (const QByteArray& leak : {value, second}) {
            for (const QByteArray& form : RemoteTestSupport::leakForms(leak)) {
                QVERIFY2(!bodies.contains(form), form.constData());
                QVERIFY2(!output.contains(form), form.constData());
                for (const QString& place : std::as_const(places))
                    QVERIFY2(RemoteTestSupport::filesContaining(place, form).isEmpty(),
                             qPrintable(place));
            }
        }
        QVERIFY(!bodies.contains(clientSecret));
        for (const QString& place : std::as_const(places))
            QVERIFY(RemoteTestSupport::filesContaining(place, clientSecret).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRemoteResilience)
#include "tst_remote_resilience.moc"
