// Drives the changes feed of mint-config-server over HTTPS (docs/api.md §4, changes): the cursor
// of a list response, commit order, one entry per secret in its latest state, deletions as
// tombstones, paging with hasMore, an unchanged feed, and 410 cursor-expired for cursors that are
// garbage, not issued, from another server or older than the retention.

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <memory>

#include "ServerTestSupport.h"

using ServerTestSupport::ApiSession;
using ServerTestSupport::Response;
using ServerTestSupport::ServerProcess;

namespace {

const QString Admin = QStringLiteral("admin-bot");

QStringList clientArguments()
{
    return {QStringLiteral("--add-client"), QStringLiteral("admin-bot:Mint Admin"),
            QStringLiteral("--add-client"), QStringLiteral("nobody:")};
}

QString idOf(const Response& response)
{
    return response.json().value(QLatin1String("id")).toString();
}

} // namespace

class TestServerChanges final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiSession> m_session;

    // The cursor of a list response (the feed position now).
    QString listCursor(ApiSession& session)
    {
        const Response list =
            session.send("GET", QStringLiteral("/mint/v1/secrets?limit=1"), Admin);
        return list.json().value(QLatin1String("cursor")).toString();
    }

    Response changes(ApiSession& session, const QString& cursor, int limit = 0)
    {
        QString path = QStringLiteral("/mint/v1/secrets/changes?since=")
                       + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
        if (limit > 0)
            path += QStringLiteral("&limit=%1").arg(limit);
        return session.send("GET", path, Admin);
    }

    static void verifyExpired(const Response& response)
    {
        QCOMPARE(response.status, 410);
        QCOMPARE(response.headers.value("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(response.problemType(), QStringLiteral("cursor-expired"));
    }

    // A cursor "c_" + base64url(epoch(4) ‖ sequence(8, big-endian)) moved by delta.
    static QString shifted(const QString& cursor, qint64 delta)
    {
        QByteArray raw =
            QByteArray::fromBase64(cursor.mid(2).toLatin1(), QByteArray::Base64UrlEncoding);
        if (raw.size() != 12)
            return {};
        qint64 sequence = 0;
        for (int i = 4; i < 12; ++i)
            sequence = (sequence << 8) | quint8(raw[i]);
        sequence += delta;
        for (int i = 11; i >= 4; --i, sequence >>= 8)
            raw[i] = char(sequence & 0xff);
        return QStringLiteral("c_")
               + QString::fromLatin1(
                   raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(clientArguments()));
        m_session = std::make_unique<ApiSession>(*m_server);
        QVERIFY(m_session->signIn({Admin, QStringLiteral("nobody")}));
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_server.reset();
    }

    void unchangedFeedKeepsItsCursor()
    {
        const QString cursor = listCursor(*m_session);
        QVERIFY(cursor.startsWith(QLatin1String("c_")));
        const Response response = changes(*m_session, cursor);
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.value(QLatin1String("changes")).toArray().size(), 0);
        QCOMPARE(body.value(QLatin1String("cursor")).toString(), cursor);
        QCOMPARE(body.value(QLatin1String("hasMore")), QJsonValue(false));
        QCOMPARE(body.keys(), (QStringList{QStringLiteral("changes"), QStringLiteral("cursor"),
                                           QStringLiteral("hasMore")}));
        // Asking again changes nothing either.
        QCOMPARE(changes(*m_session, cursor).json(), body);
    }

    void latestStateOncePerSecretInCommitOrder()
    {
        const QString start = listCursor(*m_session);
        const Response a = m_session->create(QStringLiteral("Feed A"), Admin);
        const Response b = m_session->create(QStringLiteral("Feed B"), Admin);
        QCOMPARE(a.status, 201);
        QCOMPARE(b.status, 201);
        QCOMPARE(
            m_session
                ->patch(idOf(a), {{QLatin1String("name"), QStringLiteral("Feed A2")}}, 1, Admin)
                .status,
            200);
        const Response c = m_session->create(QStringLiteral("Feed C"), Admin);
        QCOMPARE(c.status, 201);
        QCOMPARE(m_session->remove(idOf(c), 1, Admin).status, 204);
        QCOMPARE(m_session->remove(idOf(b), 1, Admin).status, 204);
        const QString end = listCursor(*m_session);
        QVERIFY(end != start);

        const Response response = changes(*m_session, start);
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QCOMPARE(body.value(QLatin1String("hasMore")), QJsonValue(false));
        QCOMPARE(body.value(QLatin1String("cursor")).toString(), end);
        const QJsonArray list = body.value(QLatin1String("changes")).toArray();
        // Latest changes: A renamed (3rd write), C deleted (5th), B deleted (6th).
        QCOMPARE(list.size(), 3);
        const QJsonObject first = list[0].toObject();
        QCOMPARE(first.value(QLatin1String("type")).toString(), QStringLiteral("upsert"));
        const QJsonObject secret = first.value(QLatin1String("secret")).toObject();
        QCOMPARE(secret.value(QLatin1String("id")).toString(), idOf(a));
        QCOMPARE(secret.value(QLatin1String("name")).toString(), QStringLiteral("Feed A2"));
        QCOMPARE(secret.value(QLatin1String("version")).toInt(), 2);
        QVERIFY(!secret.contains(QLatin1String("value")));

        // C was created and deleted inside the window: only its deletion shows.
        const QJsonObject second = list[1].toObject();
        QCOMPARE(second.value(QLatin1String("type")).toString(), QStringLiteral("delete"));
        QCOMPARE(second.value(QLatin1String("id")).toString(), idOf(c));
        QVERIFY(!second.contains(QLatin1String("secret")));
        const QString deletedAt = second.value(QLatin1String("deletedAt")).toString();
        QVERIFY2(QDateTime::fromString(deletedAt, Qt::ISODateWithMs).isValid(),
                 qPrintable(deletedAt));
        QVERIFY(deletedAt.endsWith(QLatin1Char('Z')));
        QCOMPARE(list[2].toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("delete"));
        QCOMPARE(list[2].toObject().value(QLatin1String("id")).toString(), idOf(b));

        // From the end: nothing.
        const Response none = changes(*m_session, end);
        QCOMPARE(none.json().value(QLatin1String("changes")).toArray().size(), 0);
        QCOMPARE(none.json().value(QLatin1String("cursor")).toString(), end);
    }

    void paging()
    {
        const QString start = listCursor(*m_session);
        QSet<QString> created;
        for (int i = 0; i < 5; ++i) {
            const Response response =
                m_session->create(QStringLiteral("Paged feed %1").arg(i), Admin);
            QCOMPARE(response.status, 201);
            created.insert(idOf(response));
        }
        const QString end = listCursor(*m_session);

        QString cursor = start;
        QSet<QString> seen;
        QList<int> pageSizes;
        for (int round = 0; round < 10; ++round) {
            const Response page = changes(*m_session, cursor, 2);
            QCOMPARE(page.status, 200);
            const QJsonObject body = page.json();
            const QJsonArray list = body.value(QLatin1String("changes")).toArray();
            pageSizes.append(int(list.size()));
            for (const QJsonValue& change : list) {
                const QString id = change.toObject()
                                       .value(QLatin1String("secret"))
                                       .toObject()
                                       .value(QLatin1String("id"))
                                       .toString();
                QVERIFY2(!seen.contains(id), "a secret was repeated");
                seen.insert(id);
            }
            const QString next = body.value(QLatin1String("cursor")).toString();
            QVERIFY(next != cursor || list.isEmpty());
            cursor = next;
            if (!body.value(QLatin1String("hasMore")).toBool())
                break;
        }
        QCOMPARE(pageSizes, (QList<int>{2, 2, 1}));
        QCOMPARE(seen, created);
        QCOMPARE(cursor, end);
    }

    void changeWhilePagingIsReplayed()
    {
        const QString start = listCursor(*m_session);
        const Response a = m_session->create(QStringLiteral("Moving A"), Admin);
        const Response b = m_session->create(QStringLiteral("Moving B"), Admin);
        const Response c = m_session->create(QStringLiteral("Moving C"), Admin);
        const Response first = changes(*m_session, start, 1);
        QCOMPARE(first.json().value(QLatin1String("hasMore")), QJsonValue(true));
        QCOMPARE(first.json()
                     .value(QLatin1String("changes"))
                     .toArray()[0]
                     .toObject()
                     .value(QLatin1String("secret"))
                     .toObject()
                     .value(QLatin1String("id"))
                     .toString(),
                 idOf(a));
        // A changes after the first page: it comes again, last, at version 2.
        QCOMPARE(m_session
                     ->patch(idOf(a), {{QLatin1String("value"), m_session->sealed("v2", idOf(a))}},
                             1, Admin)
                     .status,
                 200);
        const Response rest =
            changes(*m_session, first.json().value(QLatin1String("cursor")).toString());
        const QJsonArray list = rest.json().value(QLatin1String("changes")).toArray();
        QCOMPARE(list.size(), 3);
        const auto secretAt = [&list](int i) {
            return list[i].toObject().value(QLatin1String("secret")).toObject();
        };
        QCOMPARE(secretAt(0).value(QLatin1String("id")).toString(), idOf(b));
        QCOMPARE(secretAt(1).value(QLatin1String("id")).toString(), idOf(c));
        QCOMPARE(secretAt(2).value(QLatin1String("id")).toString(), idOf(a));
        QCOMPARE(secretAt(2).value(QLatin1String("version")).toInt(), 2);
    }

    void invalidParameters()
    {
        const QString cursor = listCursor(*m_session);
        const Response missing =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets/changes"), Admin);
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.problemType(), QStringLiteral("invalid-parameter"));
        QCOMPARE(missing.json().value(QLatin1String("parameter")).toString(),
                 QStringLiteral("since"));
        for (const int limit : {0, 1001, -1}) {
            const Response response = m_session->send(
                "GET",
                QStringLiteral("/mint/v1/secrets/changes?since=%1&limit=%2").arg(cursor).arg(limit),
                Admin);
            QCOMPARE(response.status, 400);
            QCOMPARE(response.json().value(QLatin1String("parameter")).toString(),
                     QStringLiteral("limit"));
        }
        QCOMPARE(changes(*m_session, cursor, 1000).status, 200);
        const Response forbidden =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets/changes?since=") + cursor,
                            QStringLiteral("nobody"));
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.json().value(QLatin1String("requiredPermission")).toString(),
                 QStringLiteral("secrets:read"));
    }

    void unknownCursorsAreGone()
    {
        const QString cursor = listCursor(*m_session);
        verifyExpired(changes(*m_session, QStringLiteral("garbage")));
        verifyExpired(changes(*m_session, QStringLiteral("c_!!!!")));
        verifyExpired(changes(*m_session, QStringLiteral("c_AAAAAAAAAHs")));
        // Not issued yet: one past the current position.
        const QString future = shifted(cursor, 1);
        QVERIFY(!future.isEmpty());
        verifyExpired(changes(*m_session, future));
        QCOMPARE(changes(*m_session, shifted(cursor, 0)).status, 200);

        // A cursor of another server (another database) is not this one's.
        ServerProcess other;
        QVERIFY(other.start(clientArguments()));
        ApiSession otherSession(other);
        QVERIFY(otherSession.fetchToken(Admin));
        verifyExpired(changes(otherSession, cursor));
        QCOMPARE(changes(otherSession, listCursor(otherSession)).status, 200);
    }

    void oldCursorExpires()
    {
        ServerProcess shortMemory;
        QVERIFY(shortMemory.start(
            clientArguments()
            + QStringList{QStringLiteral("--change-retention-seconds"), QStringLiteral("1")}));
        ApiSession session(shortMemory);
        QVERIFY(session.signIn({Admin}));
        const QString before = listCursor(session);
        QCOMPARE(session.create(QStringLiteral("Short-lived change"), Admin).status, 201);
        const QString after = listCursor(session);
        QCOMPARE(changes(session, before).json().value(QLatin1String("changes")).toArray().size(),
                 1);

        QTest::qWait(1'100); // the change falls out of the 1 s retention
        verifyExpired(changes(session, before));
        // A cursor after the pruned change still works: nothing is missing behind it.
        const Response current = changes(session, after);
        QCOMPARE(current.status, 200);
        QCOMPARE(current.json().value(QLatin1String("cursor")).toString(), after);
        // The list still shows the secret, and its cursor is valid.
        const Response list = session.send("GET", QStringLiteral("/mint/v1/secrets"), Admin);
        QCOMPARE(list.json().value(QLatin1String("total")).toInt(), 1);
        QCOMPARE(changes(session, list.json().value(QLatin1String("cursor")).toString()).status,
                 200);
    }
};

QTEST_GUILESS_MAIN(TestServerChanges)
#include "tst_server_changes.moc"
