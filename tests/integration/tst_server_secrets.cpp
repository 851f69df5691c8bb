// Drives the real mint-config-server over HTTPS (trusting only its generated CA) through the
// secret endpoints of docs/api.md §4: CRUD with values sealed client-side to the server's public
// key (§5), paging and search, If-Match (412, 428), Idempotency-Key replays, name uniqueness and
// the permission table of §3. Also keyset paging (sort=id&after) and, through --test-hooks, key
// rotation with its grace (POST /_test/rotate-key), the stored-value digest, and token
// revocation with the request counters.

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <memory>

#include "ServerTestSupport.h"

using ServerTestSupport::ApiSession;
using ServerTestSupport::Response;
using ServerTestSupport::ServerProcess;

namespace {

QString idOf(const Response& response)
{
    return response.json().value(QLatin1String("id")).toString();
}

QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
}

} // namespace

class TestServerSecrets final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ApiSession> m_session;

    Response create(const QString& name, const QByteArray& key = newKey(),
                    const QString& clientId = QStringLiteral("admin-bot"))
    {
        return m_session->send(
            "POST", QStringLiteral("/mint/v1/secrets"), clientId,
            jsonBody({{QLatin1String("name"), name},
                      {QLatin1String("value"),
                       m_session->sealed("value of " + name.toUtf8(), QStringLiteral("create"))}}),
            {{"Idempotency-Key", key}});
    }

    Response patch(const QString& id, const QJsonObject& body, const QByteArray& ifMatch,
                   const QString& clientId = QStringLiteral("admin-bot"))
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!ifMatch.isEmpty())
            headers.append({"If-Match", ifMatch});
        return m_session->send("PATCH", QStringLiteral("/mint/v1/secrets/") + id, clientId,
                               jsonBody(body), headers);
    }

    Response remove(const QString& id, const QByteArray& ifMatch,
                    const QString& clientId = QStringLiteral("admin-bot"))
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!ifMatch.isEmpty())
            headers.append({"If-Match", ifMatch});
        return m_session->send("DELETE", QStringLiteral("/mint/v1/secrets/") + id, clientId, {},
                               headers);
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(
            {QStringLiteral("--add-client"), QStringLiteral("admin-bot:Mint Admin"),
             QStringLiteral("--add-client"), QStringLiteral("editor-bot:Mint Editor"),
             QStringLiteral("--add-client"), QStringLiteral("nobody:"),
             QStringLiteral("--test-hooks")}));
        m_session = std::make_unique<ApiSession>(*m_server);
        QVERIFY(m_session->signIn(
            {QStringLiteral("admin-bot"), QStringLiteral("editor-bot"), QStringLiteral("nobody")}));
    }

    void cleanupTestCase()
    {
        m_session.reset();
        m_server.reset();
    }

    void publicKey()
    {
        const Response response = m_session->send(
            "GET", QStringLiteral("/mint/v1/secrets/public-key"), QStringLiteral("admin-bot"));
        QVERIFY(response.finished);
        QCOMPARE(response.status, 200);
        const QJsonObject key = response.json();
        QCOMPARE(key.value(QLatin1String("algorithm")).toString(),
                 QStringLiteral("X25519-HKDF-SHA256-A256GCM"));
        QVERIFY(!key.value(QLatin1String("keyId")).toString().isEmpty());
        QCOMPARE(key.value(QLatin1String("keyId")).toString(), m_session->keyId());
        const QString encoded = key.value(QLatin1String("publicKey")).toString();
        QVERIFY(!encoded.contains(QLatin1Char('=')));
        const auto decoded = QByteArray::fromBase64Encoding(
            encoded.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded, m_session->publicKey());
    }

    void crudRoundTrip()
    {
        const Response created = create(QStringLiteral("  CRM access token "));
        QVERIFY(created.finished);
        QCOMPARE(created.status, 201);
        const QString id = idOf(created);
        QVERIFY(!QUuid::fromString(id).isNull());
        QCOMPARE(id, id.toLower());
        QCOMPARE(created.headers.value("location"),
                 (QStringLiteral("/mint/v1/secrets/") + id).toUtf8());
        QCOMPARE(created.headers.value("etag"), QByteArray("\"1\""));
        const QJsonObject secret = created.json();
        QCOMPARE(secret.value(QLatin1String("name")).toString(),
                 QStringLiteral("CRM access token"));
        QCOMPARE(secret.value(QLatin1String("version")).toInt(), 1);
        QCOMPARE(secret.value(QLatin1String("createdBy")).toString(), QStringLiteral("admin-bot"));
        QCOMPARE(secret.value(QLatin1String("updatedBy")).toString(), QStringLiteral("admin-bot"));
        QVERIFY(secret.value(QLatin1String("createdAt")).toString().endsWith(QLatin1Char('Z')));
        QVERIFY(!secret.contains(QLatin1String("value")));
        QVERIFY(!created.body.contains("value of"));

        const Response fetched = m_session->send("GET", QStringLiteral("/mint/v1/secrets/") + id,
                                                 QStringLiteral("admin-bot"));
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.headers.value("etag"), QByteArray("\"1\""));
        QCOMPARE(fetched.json(), secret);

        const Response renamed =
            patch(id, {{QLatin1String("name"), QStringLiteral("CRM access token (prod)")}}, "\"1\"",
                  QStringLiteral("editor-bot"));
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.headers.value("etag"), QByteArray("\"2\""));
        QCOMPARE(renamed.json().value(QLatin1String("version")).toInt(), 2);
        QCOMPARE(renamed.json().value(QLatin1String("updatedBy")).toString(),
                 QStringLiteral("editor-bot"));
        QCOMPARE(renamed.json().value(QLatin1String("createdAt")),
                 secret.value(QLatin1String("createdAt")));

        // A value sealed for another target (here: "create") is refused...
        const Response wrongTarget = patch(
            id,
            {{QLatin1String("value"), m_session->sealed("new value", QStringLiteral("create"))}},
            "\"2\"");
        QCOMPARE(wrongTarget.status, 422);
        QCOMPARE(wrongTarget.problemType(), QStringLiteral("unsealing-failed"));
        QCOMPARE(wrongTarget.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("bad-seal"));
        // ...so is one naming a key the server does not have...
        const Response unknownKey = patch(
            id,
            {{QLatin1String("value"), m_session->sealed("new value", id, QStringLiteral("k-old"))}},
            "\"2\"");
        QCOMPARE(unknownKey.status, 422);
        QCOMPARE(unknownKey.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("unknown-key"));
        // ...and a value sealed to this secret's id is accepted.
        const Response revalued =
            patch(id, {{QLatin1String("value"), m_session->sealed("new value", id)}}, "\"2\"");
        QCOMPARE(revalued.status, 200);
        QCOMPARE(revalued.json().value(QLatin1String("version")).toInt(), 3);

        // An empty patch is a no-op that still checks If-Match.
        const Response noop = patch(id, {}, "\"3\"");
        QCOMPARE(noop.status, 200);
        QCOMPARE(noop.json().value(QLatin1String("version")).toInt(), 3);

        const Response deleted = remove(id, "\"3\"");
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.body.isEmpty());
        const Response gone = m_session->send("GET", QStringLiteral("/mint/v1/secrets/") + id,
                                              QStringLiteral("admin-bot"));
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.headers.value("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(gone.problemType(), QStringLiteral("not-found"));
        QCOMPARE(remove(id, "\"3\"").status, 404);
    }

    void createValidation()
    {
        const Response emptyName = create(QStringLiteral("   "));
        QCOMPARE(emptyName.status, 422);
        QCOMPARE(emptyName.problemType(), QStringLiteral("validation-failed"));
        QCOMPARE(emptyName.json()
                     .value(QLatin1String("errors"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("field"))
                     .toString(),
                 QStringLiteral("name"));

        const Response notJson =
            m_session->send("POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
                            "{not json", {{"Idempotency-Key", newKey()}});
        QCOMPARE(notJson.status, 400);
        QCOMPARE(notJson.problemType(), QStringLiteral("invalid-body"));

        // A value sealed for a secret id cannot be used to create.
        const Response wrongTarget = m_session->send(
            "POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
            jsonBody({{QLatin1String("name"), QStringLiteral("Replayed value")},
                      {QLatin1String("value"), m_session->sealed("v", QUuid::createUuid().toString(
                                                                          QUuid::WithoutBraces))}}),
            {{"Idempotency-Key", newKey()}});
        QCOMPARE(wrongTarget.status, 422);
        QCOMPARE(wrongTarget.problemType(), QStringLiteral("unsealing-failed"));
    }

    void bodyTooLarge()
    {
        // Over 128 KiB: refused before any parsing, whatever the endpoint.
        const QByteArray big = QByteArray(128 * 1024 + 1, 'x');
        const Response create =
            m_session->send("POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
                            big, {{"Idempotency-Key", newKey()}});
        QCOMPARE(create.status, 413);
        QCOMPARE(create.headers.value("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(create.problemType(), QStringLiteral("body-too-large"));
        QCOMPARE(create.json().value(QLatin1String("maxBytes")).toInt(), 128 * 1024);
        const Response patched =
            m_session->send("PATCH",
                            QStringLiteral("/mint/v1/secrets/")
                                + QUuid::createUuid().toString(QUuid::WithoutBraces),
                            QStringLiteral("admin-bot"), big, {{"If-Match", "\"1\""}});
        QCOMPARE(patched.status, 413);
        QCOMPARE(patched.problemType(), QStringLiteral("body-too-large"));
        // Exactly 128 KiB is read and parsed (here: not JSON).
        const Response limit =
            m_session->send("POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
                            QByteArray(128 * 1024, 'x'), {{"Idempotency-Key", newKey()}});
        QCOMPARE(limit.status, 400);
        QCOMPARE(limit.problemType(), QStringLiteral("invalid-body"));
    }

    void nameTakenIgnoringCase()
    {
        QCOMPARE(create(QStringLiteral("Stripe Key")).status, 201);
        const Response duplicate = create(QStringLiteral(" sTRIPE kEY "));
        QCOMPARE(duplicate.status, 409);
        QCOMPARE(duplicate.problemType(), QStringLiteral("name-taken"));

        const Response other = create(QStringLiteral("Other key"));
        QCOMPARE(other.status, 201);
        const Response rename =
            patch(idOf(other), {{QLatin1String("name"), QStringLiteral("STRIPE KEY")}}, "\"1\"");
        QCOMPARE(rename.status, 409);
        QCOMPARE(rename.problemType(), QStringLiteral("name-taken"));
    }

    void ifMatch()
    {
        const Response created = create(QStringLiteral("Versioned"));
        QCOMPARE(created.status, 201);
        const QString id = idOf(created);

        const Response noIfMatch =
            patch(id, {{QLatin1String("name"), QStringLiteral("Versioned 2")}}, {});
        QCOMPARE(noIfMatch.status, 428);
        QCOMPARE(noIfMatch.problemType(), QStringLiteral("if-match-required"));
        QCOMPARE(remove(id, {}).status, 428);

        QCOMPARE(
            patch(id, {{QLatin1String("name"), QStringLiteral("Versioned 2")}}, "\"1\"").status,
            200);
        const Response stale =
            patch(id, {{QLatin1String("name"), QStringLiteral("Versioned 3")}}, "\"1\"");
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.problemType(), QStringLiteral("version-mismatch"));
        QCOMPARE(stale.json().value(QLatin1String("currentVersion")).toInt(), 2);
        const Response staleDelete = remove(id, "\"1\"");
        QCOMPARE(staleDelete.status, 412);
        QCOMPARE(staleDelete.json().value(QLatin1String("currentVersion")).toInt(), 2);
        QCOMPARE(remove(id, "\"2\"").status, 204);
    }

    void idempotency()
    {
        const Response missing = m_session->send(
            "POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
            jsonBody({{QLatin1String("name"), QStringLiteral("No key")},
                      {QLatin1String("value"), m_session->sealed("v", QStringLiteral("create"))}}));
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.problemType(), QStringLiteral("missing-idempotency-key"));

        const QByteArray key = newKey();
        const QByteArray body =
            jsonBody({{QLatin1String("name"), QStringLiteral("Idempotent")},
                      {QLatin1String("value"), m_session->sealed("v", QStringLiteral("create"))}});
        const Response first =
            m_session->send("POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
                            body, {{"Idempotency-Key", key}});
        QCOMPARE(first.status, 201);
        QVERIFY(!first.headers.contains("idempotent-replayed"));

        // Changed since: the replay still answers with the original response.
        QCOMPARE(
            patch(idOf(first), {{QLatin1String("name"), QStringLiteral("Idempotent 2")}}, "\"1\"")
                .status,
            200);
        const Response replay =
            m_session->send("POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
                            body, {{"Idempotency-Key", key}});
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.headers.value("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(idOf(replay), idOf(first));
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.headers.value("location"), first.headers.value("location"));

        const Response reused = m_session->send(
            "POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
            jsonBody({{QLatin1String("name"), QStringLiteral("Something else")},
                      {QLatin1String("value"), m_session->sealed("v", QStringLiteral("create"))}}),
            {{"Idempotency-Key", key}});
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.problemType(), QStringLiteral("idempotency-key-reused"));
    }

    void pagingAndSearch()
    {
        const int count = 120;
        for (int i = 0; i < count; ++i) {
            const Response created =
                create(QStringLiteral("Paged-%1").arg(i, 3, 10, QLatin1Char('0')));
            QCOMPARE(created.status, 201);
        }

        QSet<QString> seen;
        QStringList names;
        for (int offset = 0; offset < count + 50; offset += 50) {
            const Response page = m_session->send(
                "GET",
                QStringLiteral("/mint/v1/secrets?search=paged-&limit=50&offset=%1").arg(offset),
                QStringLiteral("editor-bot"));
            QCOMPARE(page.status, 200);
            const QJsonObject body = page.json();
            QCOMPARE(body.value(QLatin1String("total")).toInt(), count);
            QCOMPARE(body.value(QLatin1String("offset")).toInt(), offset);
            QCOMPARE(body.value(QLatin1String("limit")).toInt(), 50);
            // The changes-feed position at the moment of the response (tst_server_changes).
            QVERIFY(body.value(QLatin1String("cursor")).toString().startsWith(QLatin1String("c_")));
            const QJsonArray items = body.value(QLatin1String("items")).toArray();
            QCOMPARE(items.size(), qBound(0, count - offset, 50));
            for (const QJsonValue& item : items) {
                const QString id = item.toObject().value(QLatin1String("id")).toString();
                QVERIFY2(!seen.contains(id), "an item was repeated");
                seen.insert(id);
                names.append(item.toObject().value(QLatin1String("name")).toString());
            }
        }
        QCOMPARE(seen.size(), count);
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);

        const Response all =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"));
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json().value(QLatin1String("limit")).toInt(), 50);
        QVERIFY(all.json().value(QLatin1String("total")).toInt() > count);

        const Response search =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets?search=PAGED-01&sort=-name"),
                            QStringLiteral("admin-bot"));
        QCOMPARE(search.status, 200);
        QCOMPARE(search.json().value(QLatin1String("total")).toInt(), 10);
        const QJsonArray found = search.json().value(QLatin1String("items")).toArray();
        QCOMPARE(found.size(), 10);
        QCOMPARE(found.first().toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("Paged-019"));
        QCOMPARE(found.last().toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("Paged-010"));

        const Response byCreation = m_session->send(
            "GET", QStringLiteral("/mint/v1/secrets?search=paged&sort=-createdAt&limit=1"),
            QStringLiteral("admin-bot"));
        QCOMPARE(byCreation.status, 200);
        QCOMPARE(byCreation.json()
                     .value(QLatin1String("items"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QLatin1String("name"))
                     .toString(),
                 QStringLiteral("Paged-119"));
    }

    // docs/api.md §4: sort=id&after=<id> pages by keyset, in id order, and a deletion or a rename
    // between two pages does not shift the next one (offset paging would skip an item).
    void keysetPaging()
    {
        const int count = 130;
        for (int i = 0; i < count; ++i)
            QCOMPARE(create(QStringLiteral("Keyset-%1").arg(i, 3, 10, QLatin1Char('0'))).status,
                     201);
        const auto page = [this](const QString& after, int limit) {
            QString query =
                QStringLiteral("/mint/v1/secrets?search=keyset-&sort=id&limit=%1").arg(limit);
            if (!after.isEmpty())
                query += QStringLiteral("&after=") + after;
            return m_session->send("GET", query, QStringLiteral("editor-bot"));
        };
        const auto idsOf = [](const Response& response) {
            QStringList ids;
            const QJsonArray items = response.json().value(QLatin1String("items")).toArray();
            for (const QJsonValue& item : items)
                ids.append(item.toObject().value(QLatin1String("id")).toString());
            return ids;
        };

        // sort=id alone (offset paging) is ordered by id too.
        const Response all = m_session->send(
            "GET", QStringLiteral("/mint/v1/secrets?search=keyset-&sort=id&limit=100&offset=100"),
            QStringLiteral("admin-bot"));
        QCOMPARE(all.status, 200);
        QCOMPARE(idsOf(all).size(), 30);

        QStringList expected;
        QString after;
        for (int pages = 0; pages < 10; ++pages) {
            const Response response = page(after, 50);
            QCOMPARE(response.status, 200);
            QCOMPARE(response.json().value(QLatin1String("total")).toInt(), count);
            QCOMPARE(response.json().value(QLatin1String("limit")).toInt(), 50);
            if (!after.isEmpty()) {
                QCOMPARE(response.json().value(QLatin1String("after")).toString(), after);
                QVERIFY(!response.json().contains(QLatin1String("offset")));
            }
            QVERIFY(response.json()
                        .value(QLatin1String("cursor"))
                        .toString()
                        .startsWith(QLatin1String("c_")));
            const QStringList ids = idsOf(response);
            expected += ids;
            if (ids.size() < 50)
                break;
            after = ids.last();
        }
        QCOMPARE(expected.size(), count);
        QStringList sorted = expected;
        sorted.sort();
        QCOMPARE(expected, sorted);
        QCOMPARE(QSet<QString>(expected.begin(), expected.end()).size(), count);
        QCOMPARE(idsOf(all), expected.mid(100));
        // After the last id: nothing. After an id that is not there: the ids above it.
        QCOMPARE(idsOf(page(expected.last(), 50)).size(), 0);
        QCOMPARE(idsOf(page(QStringLiteral("00000000-0000-0000-0000-000000000000"), 5)),
                 expected.mid(0, 5));

        // Between page 1 and page 2: delete five secrets of page 1, rename two of page 1 so they
        // sort last by name, rename one of page 2. Page 2 by keyset is exactly the next ids.
        const Response first = page({}, 40);
        const QStringList firstIds = idsOf(first);
        QCOMPARE(firstIds, expected.mid(0, 40));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(remove(firstIds.at(i * 7), "\"1\"").status, 204);
        QCOMPARE(
            patch(firstIds.at(1), {{QLatin1String("name"), QStringLiteral("Keyset-zz-1")}}, "\"1\"")
                .status,
            200);
        QCOMPARE(
            patch(firstIds.at(2), {{QLatin1String("name"), QStringLiteral("Keyset-zz-2")}}, "\"1\"")
                .status,
            200);
        QCOMPARE(patch(expected.at(45), {{QLatin1String("name"), QStringLiteral("Keyset-zz-3")}},
                       "\"1\"")
                     .status,
                 200);
        const Response second = page(firstIds.last(), 40);
        QCOMPARE(second.status, 200);
        QCOMPARE(idsOf(second), expected.mid(40, 40));
        QCOMPARE(second.json().value(QLatin1String("total")).toInt(), count - 5);
    }

    void keyRotationGrace()
    {
        const QString oldKeyId = m_session->keyId();
        const QByteArray oldPublicKey = m_session->publicKey();
        const auto rotate = [this](int graceSeconds) {
            return m_session->send("POST", QStringLiteral("/_test/rotate-key"), QString(),
                                   jsonBody({{QLatin1String("graceSeconds"), graceSeconds}}));
        };
        const auto fetchKey = [this] {
            return m_session->fetchPublicKey(QStringLiteral("admin-bot"));
        };
        const auto createSealed = [this](const QString& name) {
            return m_session->send(
                "POST", QStringLiteral("/mint/v1/secrets"), QStringLiteral("admin-bot"),
                jsonBody({{QLatin1String("name"), name},
                          {QLatin1String("value"),
                           m_session->sealed("rotated value", QStringLiteral("create"))}}),
                {{"Idempotency-Key", newKey()}});
        };

        // With a grace of 2 s the old key still works, then it is refused.
        const Response rotated = rotate(2);
        QCOMPARE(rotated.status, 200);
        QCOMPARE(rotated.json().value(QLatin1String("previousKeyId")).toString(), oldKeyId);
        QCOMPARE(rotated.json().value(QLatin1String("graceSeconds")).toInt(), 2);
        const QString newKeyId = rotated.json().value(QLatin1String("keyId")).toString();
        QVERIFY(!newKeyId.isEmpty() && newKeyId != oldKeyId);
        QCOMPARE(createSealed(QStringLiteral("Rotation old key in grace")).status, 201);
        const Response inGrace = createSealed(QStringLiteral("Rotation old key in grace 2"));
        QCOMPARE(inGrace.status, 201);
        QVERIFY(fetchKey());
        QCOMPARE(m_session->keyId(), newKeyId);
        QVERIFY(m_session->publicKey() != oldPublicKey);
        QCOMPARE(createSealed(QStringLiteral("Rotation new key")).status, 201);

        // Sealed to the old key, kept for after the grace (create and PATCH).
        const QString keptNewId = m_session->keyId();
        const QByteArray keptNewKey = m_session->publicKey();
        m_session->useKey(oldKeyId, oldPublicKey);
        QTest::qWait(2200);
        const Response late = createSealed(QStringLiteral("Rotation old key late"));
        QCOMPARE(late.status, 422);
        QCOMPARE(late.problemType(), QStringLiteral("unsealing-failed"));
        QCOMPARE(late.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("unknown-key"));
        const Response latePatch =
            patch(idOf(inGrace), {{QLatin1String("value"), m_session->sealed("x", idOf(inGrace))}},
                  "\"1\"");
        QCOMPARE(latePatch.status, 422);
        QCOMPARE(latePatch.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("unknown-key"));

        // Grace 0: the previous key is refused at once.
        m_session->useKey(keptNewId, keptNewKey);
        QCOMPARE(rotate(0).status, 200);
        const Response refused = createSealed(QStringLiteral("Rotation refused at once"));
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("unknown-key"));
        QVERIFY(fetchKey());
        QVERIFY(m_session->keyId() != keptNewId);
        QCOMPARE(createSealed(QStringLiteral("Rotation refused at once")).status, 201);

        // A second rotation ends the grace of the first one's key; a bad grace is refused.
        QCOMPARE(rotate(3600).status, 200);
        QCOMPARE(rotate(3600).status, 200);
        const Response twoBack = createSealed(QStringLiteral("Rotation two back"));
        QCOMPARE(twoBack.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("unknown-key"));
        QCOMPARE(rotate(-1).status, 400);
        QCOMPARE(m_session->send("POST", QStringLiteral("/_test/rotate-key"), QString(), "not json")
                     .status,
                 400);
        QVERIFY(fetchKey());
    }

    // GET /_test/secrets/{id}/digest: SHA-256 of the value the server opened and stored.
    void storedValueDigest()
    {
        const auto digestOf = [this](const QString& id) {
            return m_session->send("GET", QStringLiteral("/_test/secrets/%1/digest").arg(id),
                                   QString());
        };
        const auto sha256 = [](const QByteArray& value) {
            return QString::fromLatin1(
                QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex());
        };
        const Response created = create(QStringLiteral("Digested"));
        QCOMPARE(created.status, 201);
        const Response first = digestOf(idOf(created));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(QLatin1String("sha256")).toString(),
                 sha256("value of Digested"));
        QCOMPARE(first.json().keys(), QStringList{QStringLiteral("sha256")});
        QVERIFY(!first.body.contains("value of Digested"));
        QCOMPARE(patch(idOf(created),
                       {{QLatin1String("value"), m_session->sealed("second", idOf(created))}},
                       "\"1\"")
                     .status,
                 200);
        QCOMPARE(digestOf(idOf(created)).json().value(QLatin1String("sha256")).toString(),
                 sha256("second"));
        QCOMPARE(digestOf(QUuid::createUuid().toString(QUuid::WithoutBraces)).status, 404);
    }

    // POST /_test/revoke-tokens and GET /_test/stats on a server of their own.
    void revokeTokensAndStats()
    {
        ServerProcess server;
        QVERIFY(
            server.start({QStringLiteral("--add-client"), QStringLiteral("admin-bot:Mint Admin"),
                          QStringLiteral("--test-hooks")}));
        ServerTestSupport::ApiSession session(server);
        const auto stats = [&session] {
            return session.send("GET", QStringLiteral("/_test/stats"), QString()).json();
        };
        const auto counter = [](const QJsonObject& object, const char* name) {
            return object.value(QLatin1String(name)).toInteger();
        };
        const QJsonObject before = stats();
        QCOMPARE(counter(before, "requests"), 0);
        QVERIFY(session.fetchToken(QStringLiteral("admin-bot")));
        QCOMPARE(
            session.send("GET", QStringLiteral("/mint/v1/me"), QStringLiteral("admin-bot")).status,
            200);
        const Response revoked =
            session.send("POST", QStringLiteral("/_test/revoke-tokens"), QString(), "{}");
        QCOMPARE(revoked.status, 200);
        QCOMPARE(revoked.json().value(QLatin1String("revoked")).toInt(), 1);
        QCOMPARE(
            session.send("GET", QStringLiteral("/mint/v1/me"), QStringLiteral("admin-bot")).status,
            401);
        QJsonObject after = stats();
        QCOMPARE(counter(after, "requests"), 3);
        QCOMPARE(counter(after, "tokensIssued"), 1);
        QCOMPARE(counter(after, "unauthorized"), 1);
        QCOMPARE(counter(after, "tokenRefusals"), 0);
        QVERIFY(
            !QJsonDocument(after).toJson().contains(server.secret(QStringLiteral("admin-bot"))));

        // refuseNewTokens: a token issued after it is refused too, until the next revoke.
        QCOMPARE(session
                     .send("POST", QStringLiteral("/_test/revoke-tokens"), QString(),
                           R"({"refuseNewTokens": true})")
                     .status,
                 200);
        QVERIFY(session.fetchToken(QStringLiteral("admin-bot")));
        QCOMPARE(
            session.send("GET", QStringLiteral("/mint/v1/me"), QStringLiteral("admin-bot")).status,
            401);
        QCOMPARE(session.send("POST", QStringLiteral("/_test/revoke-tokens"), QString()).status,
                 200);
        QVERIFY(session.fetchToken(QStringLiteral("admin-bot")));
        QCOMPARE(
            session.send("GET", QStringLiteral("/mint/v1/me"), QStringLiteral("admin-bot")).status,
            200);

        // changeClientSecrets: the old secret no longer gets a token.
        QCOMPARE(session
                     .send("POST", QStringLiteral("/_test/revoke-tokens"), QString(),
                           R"({"changeClientSecrets": true})")
                     .status,
                 200);
        QVERIFY(!session.fetchToken(QStringLiteral("admin-bot")));
        after = stats();
        QCOMPARE(counter(after, "tokensIssued"), 3);
        QCOMPARE(counter(after, "unauthorized"), 2);
        QCOMPARE(counter(after, "tokenRefusals"), 1);
        QCOMPARE(session
                     .send("POST", QStringLiteral("/_test/revoke-tokens"), QString(),
                           R"({"refuseNewTokens": 1})")
                     .status,
                 400);
    }

    void invalidParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("parameter");
        QTest::newRow("limit 0") << QStringLiteral("limit=0") << QStringLiteral("limit");
        QTest::newRow("limit 101") << QStringLiteral("limit=101") << QStringLiteral("limit");
        QTest::newRow("offset -1") << QStringLiteral("offset=-1") << QStringLiteral("offset");
        QTest::newRow("offset text") << QStringLiteral("offset=x") << QStringLiteral("offset");
        QTest::newRow("sort") << QStringLiteral("sort=value") << QStringLiteral("sort");
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QTest::newRow("after without sort")
            << QStringLiteral("after=") + id << QStringLiteral("after");
        QTest::newRow("after with sort=name")
            << QStringLiteral("sort=name&after=") + id << QStringLiteral("after");
        QTest::newRow("after with sort=-id")
            << QStringLiteral("sort=-id&after=") + id << QStringLiteral("after");
        QTest::newRow("after with offset")
            << QStringLiteral("sort=id&offset=0&after=") + id << QStringLiteral("offset");
        QTest::newRow("after not an id")
            << QStringLiteral("sort=id&after=x") << QStringLiteral("after");
        QTest::newRow("after upper case")
            << QStringLiteral("sort=id&after=") + id.toUpper() << QStringLiteral("after");
        QTest::newRow("after repeated")
            << QStringLiteral("sort=id&after=%1&after=%1").arg(id) << QStringLiteral("after");
    }

    void invalidParameters()
    {
        QFETCH(QString, query);
        QFETCH(QString, parameter);
        const Response response = m_session->send(
            "GET", QStringLiteral("/mint/v1/secrets?") + query, QStringLiteral("admin-bot"));
        QCOMPARE(response.status, 400);
        QCOMPARE(response.problemType(), QStringLiteral("invalid-parameter"));
        QCOMPARE(response.json().value(QLatin1String("parameter")).toString(), parameter);
    }

    void permissions()
    {
        const Response created =
            create(QStringLiteral("Editor made"), newKey(), QStringLiteral("editor-bot"));
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QLatin1String("createdBy")).toString(),
                 QStringLiteral("editor-bot"));

        const Response editorDelete = remove(idOf(created), "\"1\"", QStringLiteral("editor-bot"));
        QCOMPARE(editorDelete.status, 403);
        QCOMPARE(editorDelete.headers.value("content-type"),
                 QByteArray("application/problem+json"));
        QCOMPARE(editorDelete.problemType(), QStringLiteral("forbidden"));
        QCOMPARE(editorDelete.json().value(QLatin1String("requiredPermission")).toString(),
                 QStringLiteral("secrets:delete"));
        QCOMPARE(editorDelete.json().value(QLatin1String("grantedBy")).toVariant().toStringList(),
                 QStringList{QStringLiteral("Mint Admin")});
        QCOMPARE(m_session
                     ->send("GET", QStringLiteral("/mint/v1/secrets/") + idOf(created),
                            QStringLiteral("admin-bot"))
                     .status,
                 200);

        const Response nobodyList =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets"), QStringLiteral("nobody"));
        QCOMPARE(nobodyList.status, 403);
        QCOMPARE(nobodyList.problemType(), QStringLiteral("forbidden"));
        QCOMPARE(nobodyList.json().value(QLatin1String("requiredPermission")).toString(),
                 QStringLiteral("secrets:read"));
        QStringList grantedBy =
            nobodyList.json().value(QLatin1String("grantedBy")).toVariant().toStringList();
        grantedBy.sort();
        QCOMPARE(grantedBy,
                 (QStringList{QStringLiteral("Mint Admin"), QStringLiteral("Mint Editor")}));
        QCOMPARE(m_session
                     ->send("GET", QStringLiteral("/mint/v1/secrets/public-key"),
                            QStringLiteral("nobody"))
                     .status,
                 403);
        QCOMPARE(create(QStringLiteral("Nobody made"), newKey(), QStringLiteral("nobody")).status,
                 403);

        const Response anonymous =
            m_session->send("GET", QStringLiteral("/mint/v1/secrets"), QStringLiteral("stranger"));
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.problemType(), QStringLiteral("unauthorized"));
    }
};

QTEST_GUILESS_MAIN(TestServerSecrets)
#include "tst_server_secrets.moc"
