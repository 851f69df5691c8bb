// mint-config-server's storage and test-support options: --db FILE survives a restart (secrets,
// versions, the sealing key, changes cursors) with values encrypted at rest and FILE.keys 0600;
// --seed-secrets N pages cheaply (Server-Timing); --record-bodies FILE sees only sealed values.
// Prints "BENCH <name> <value> <unit>" lines for the server-side timings.

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "ServerTestSupport.h"
#include "TestSupport.h"

using ServerTestSupport::ApiSession;
using ServerTestSupport::Response;
using ServerTestSupport::ServerProcess;

namespace {

const QString Admin = QStringLiteral("admin-bot");

QStringList adminClient()
{
    return {QStringLiteral("--add-client"), QStringLiteral("admin-bot:Mint Admin")};
}

// The app;dur=… of a Server-Timing header, in milliseconds (-1 when absent).
double serverMs(const Response& response)
{
    const QByteArray header = response.headers.value("server-timing");
    const qsizetype at = header.indexOf("dur=");
    return at < 0 ? -1 : header.mid(at + 4).toDouble();
}

QByteArray fileContents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void bench(const char* name, double value, const char* unit)
{
    qInfo("BENCH %s %.3f %s", name, value, unit);
}

} // namespace

class TestServerStorage final : public QObject {
    Q_OBJECT

private slots:
    void survivesRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("server.db"));
        const QStringList arguments = adminClient() + QStringList{QStringLiteral("--db"), db};

        ServerProcess server;
        QVERIFY(server.start(arguments));
        ApiSession session(server);
        QVERIFY(session.signIn({Admin}));
        const QString keyId = session.keyId();
        const Response kept =
            session.create(QStringLiteral("Kept secret"), Admin, "canary-kept-7f3a91");
        const Response gone = session.create(QStringLiteral("Deleted secret"), Admin);
        QCOMPARE(kept.status, 201);
        QCOMPARE(gone.status, 201);
        const QString keptId = kept.json().value(QLatin1String("id")).toString();
        const QString goneId = gone.json().value(QLatin1String("id")).toString();
        QCOMPARE(
            session
                .patch(keptId,
                       {{QLatin1String("name"), QStringLiteral("Kept secret (renamed)")},
                        {QLatin1String("value"), session.sealed("canary-kept-v2-c41d", keptId)}},
                       1, Admin)
                .status,
            200);
        const QString beforeDelete = session.send("GET", QStringLiteral("/mint/v1/secrets"), Admin)
                                         .json()
                                         .value(QLatin1String("cursor"))
                                         .toString();
        QCOMPARE(session.remove(goneId, 1, Admin).status, 204);
        const QString latest = session.send("GET", QStringLiteral("/mint/v1/secrets"), Admin)
                                   .json()
                                   .value(QLatin1String("cursor"))
                                   .toString();
        server.stop();

        // The keys file is the owner's alone; no value is stored in clear.
        const QString keys = db + QStringLiteral(".keys");
        QVERIFY(QFile::exists(keys));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFile::permissions(keys) & others, QFileDevice::Permissions());
        QVERIFY(
            QFile::permissions(keys).testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QByteArray stored = fileContents(db) + fileContents(db + QStringLiteral("-wal"));
        QVERIFY(stored.contains("Kept secret (renamed)")); // names are server data
        QVERIFY(!stored.contains("canary-kept"));

        QVERIFY(server.start(arguments));
        session.reset(server);
        QVERIFY(session.signIn({Admin}));
        QCOMPARE(session.keyId(), keyId); // same sealing key: clients' cached keys stay valid
        const Response fetched =
            session.send("GET", QStringLiteral("/mint/v1/secrets/") + keptId, Admin);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.json().value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(fetched.json().value(QLatin1String("name")).toString(),
                 QStringLiteral("Kept secret (renamed)"));
        QCOMPARE(fetched.headers.value("etag"), QByteArray("\"2\""));
        QCOMPARE(session.send("GET", QStringLiteral("/mint/v1/secrets/") + goneId, Admin).status,
                 404);

        // Cursors of the first run still work.
        const Response sinceBefore = session.send(
            "GET", QStringLiteral("/mint/v1/secrets/changes?since=") + beforeDelete, Admin);
        QCOMPARE(sinceBefore.status, 200);
        const QJsonArray changes = sinceBefore.json().value(QLatin1String("changes")).toArray();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("delete"));
        QCOMPARE(changes[0].toObject().value(QLatin1String("id")).toString(), goneId);
        QCOMPARE(sinceBefore.json().value(QLatin1String("cursor")).toString(), latest);
        const Response sinceLatest =
            session.send("GET", QStringLiteral("/mint/v1/secrets/changes?since=") + latest, Admin);
        QCOMPARE(sinceLatest.json().value(QLatin1String("changes")).toArray().size(), 0);

        // The stored value still opens under the persisted at-rest key: a value change works,
        // the name stays unique, and new writes continue the sequence.
        QCOMPARE(session.create(QStringLiteral("KEPT SECRET (RENAMED)"), Admin).status, 409);
        QCOMPARE(session
                     .patch(keptId,
                            {{QLatin1String("value"), session.sealed("canary-kept-v3", keptId)}}, 2,
                            Admin)
                     .status,
                 200);
        const Response after =
            session.send("GET", QStringLiteral("/mint/v1/secrets/changes?since=") + latest, Admin);
        QCOMPARE(after.json().value(QLatin1String("changes")).toArray().size(), 1);
    }

    void missingKeysFileIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString db = dir.filePath(QStringLiteral("server.db"));
        ServerProcess server;
        QVERIFY(server.start(adminClient() + QStringList{QStringLiteral("--db"), db}));
        server.stop();
        QVERIFY(QFile::remove(db + QStringLiteral(".keys")));
        QVERIFY(!server.start(adminClient() + QStringList{QStringLiteral("--db"), db}));
    }

    void seededSecretsPageCheaply()
    {
        constexpr int Count = 10'000;
        QElapsedTimer startup;
        startup.start();
        ServerProcess server;
        QVERIFY(server.start(
            adminClient() + QStringList{QStringLiteral("--seed-secrets"), QString::number(Count)}));
        bench("server_start_seed_10000_ms", double(startup.elapsed()), "ms");
        ApiSession session(server);
        QVERIFY(session.signIn({Admin}));

        QSet<QString> seen;
        QString firstName;
        QString lastName;
        QList<double> pageMs;
        QElapsedTimer wall;
        wall.start();
        for (int offset = 0; offset < Count; offset += 100) {
            const Response page = session.send(
                "GET", QStringLiteral("/mint/v1/secrets?limit=100&offset=%1").arg(offset), Admin);
            QCOMPARE(page.status, 200);
            QCOMPARE(page.json().value(QLatin1String("total")).toInt(), Count);
            const QJsonArray items = page.json().value(QLatin1String("items")).toArray();
            QCOMPARE(items.size(), 100);
            for (const QJsonValue& item : items) {
                const QString id = item.toObject().value(QLatin1String("id")).toString();
                QVERIFY2(!seen.contains(id), "an item was repeated");
                seen.insert(id);
            }
            if (offset == 0)
                firstName = items.first().toObject().value(QLatin1String("name")).toString();
            lastName = items.last().toObject().value(QLatin1String("name")).toString();
            pageMs.append(serverMs(page));
        }
        const double wallPerPage = double(wall.elapsed()) / double(pageMs.size());
        QCOMPARE(seen.size(), Count);
        QCOMPARE(firstName, QStringLiteral("Secret 00001"));
        QCOMPARE(lastName, QStringLiteral("Secret 10000"));
        std::sort(pageMs.begin(), pageMs.end());
        QVERIFY(pageMs.first() >= 0);
        const double median = pageMs[pageMs.size() / 2];
        bench("server_list_page_100_of_10000_median_ms", median, "ms");
        bench("server_list_page_100_of_10000_max_ms", pageMs.last(), "ms");
        bench("client_list_page_round_trip_ms", wallPerPage, "ms");
        QVERIFY2(median < 10 * TestSupport::TimeLimitScale, qPrintable(QString::number(median)));

        // A search and the other sorts stay cheap too.
        const Response search =
            session.send("GET", QStringLiteral("/mint/v1/secrets?search=0999&limit=100"), Admin);
        QCOMPARE(search.json().value(QLatin1String("total")).toInt(), 11); // 00999, 09990..09999
        bench("server_search_10000_ms", serverMs(search), "ms");
        const Response byDate = session.send(
            "GET", QStringLiteral("/mint/v1/secrets?sort=-updatedAt&limit=100&offset=9900"), Admin);
        QCOMPARE(byDate.json().value(QLatin1String("items")).toArray().size(), 100);
        bench("server_sort_updated_desc_last_page_ms", serverMs(byDate), "ms");

        // POST round trips (unsealing, encryption at rest, one transaction).
        QList<double> postMs;
        for (int i = 0; i < 50; ++i) {
            const Response created = session.create(QStringLiteral("Timed %1").arg(i), Admin);
            QCOMPARE(created.status, 201);
            postMs.append(serverMs(created));
        }
        std::sort(postMs.begin(), postMs.end());
        bench("server_post_median_ms", postMs[postMs.size() / 2], "ms");
        QVERIFY2(postMs[postMs.size() / 2] < 10 * TestSupport::TimeLimitScale,
                 qPrintable(QString::number(postMs[25])));
    }

    void fileDatabasePostIsFast()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ServerProcess server;
        QVERIFY(server.start(
            adminClient()
            + QStringList{QStringLiteral("--db"), dir.filePath(QStringLiteral("bench.db"))}));
        ApiSession session(server);
        QVERIFY(session.signIn({Admin}));
        QList<double> postMs;
        for (int i = 0; i < 50; ++i) {
            const Response created = session.create(QStringLiteral("File %1").arg(i), Admin);
            QCOMPARE(created.status, 201);
            postMs.append(serverMs(created));
        }
        std::sort(postMs.begin(), postMs.end());
        bench("server_post_wal_file_median_ms", postMs[postMs.size() / 2], "ms");
        QVERIFY2(postMs[postMs.size() / 2] < 10 * TestSupport::TimeLimitScale,
                 qPrintable(QString::number(postMs[25])));
    }

    void recordedBodiesCarryNoValue()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString record = dir.filePath(QStringLiteral("bodies.log"));
        ServerProcess server;
        QVERIFY(
            server.start(adminClient() + QStringList{QStringLiteral("--record-bodies"), record}));
        ApiSession session(server);
        QVERIFY(session.signIn({Admin}));
        const Response created =
            session.create(QStringLiteral("Recorded secret"), Admin, "canary-wire-5b2e8d");
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QLatin1String("id")).toString();
        QCOMPARE(session
                     .patch(id, {{QLatin1String("value"), session.sealed("canary-wire-2", id)}}, 1,
                            Admin)
                     .status,
                 200);

        const QByteArray recorded = fileContents(record);
        QVERIFY(recorded.contains("Recorded secret"));
        QVERIFY(recorded.contains("\"sealed\""));
        QVERIFY(!recorded.contains("canary-wire"));
        // The token request (it carries the client secret by design) is not recorded.
        QVERIFY(!recorded.contains(server.secret(Admin)));
        QVERIFY(!recorded.contains("client_credentials"));
        QCOMPARE(QFile::permissions(record) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // Never together with --demo.
        ServerProcess demo;
        QVERIFY(!demo.start({QStringLiteral("--demo"), QStringLiteral("--record-bodies"),
                             dir.filePath(QStringLiteral("demo.log"))}));
    }
};

QTEST_GUILESS_MAIN(TestServerStorage)
#include "tst_server_storage.moc"
