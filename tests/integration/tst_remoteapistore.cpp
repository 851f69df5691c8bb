// RemoteApiStore against the real mint-config-server over HTTPS on 127.0.0.1 (trusting only the
// server's generated CA): sign-in and /me, CRUD with sealed values, full sync over pages,
// incremental refresh through the changes feed, 412, permissions and roles, token renewal, the
// metadata cache (offline start, corruption, no values), references and TLS refusals. Through
// the server's test hooks: writes between the pages of a full sync, key rotation, the digest of
// the stored value, and token revocation counted.

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "remote/MetadataCache.h"

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
const QString Editor = QStringLiteral("editor-bot");
const QString Nobody = QStringLiteral("nobody-bot");

QStringList clientArguments()
{
    return {QStringLiteral("--add-client"), Admin + QStringLiteral(":Mint Admin"),
            QStringLiteral("--add-client"), Editor + QStringLiteral(":Mint Editor"),
            QStringLiteral("--add-client"), Nobody + QStringLiteral(":"),
            QStringLiteral("--test-hooks")};
}

const Secret* findByName(const QList<Secret>& secrets, const QString& name)
{
    for (const Secret& secret : secrets) {
        if (secret.name == name)
            return &secret;
    }
    return nullptr;
}

// Every secret on the server (read by raw, page by page in a quiet moment): id -> {name, version}.
QHash<QUuid, std::pair<QString, qint64>>
serverSet(RawClient& raw, QStringList* namesInOrder = nullptr, QStringList* idsInOrder = nullptr)
{
    QHash<QUuid, std::pair<QString, qint64>> set;
    for (const QString& sort : {QStringLiteral("name"), QStringLiteral("id")}) {
        for (int offset = 0;; offset += 100) {
            const auto page =
                raw.send("GET", QStringLiteral("/mint/v1/secrets?sort=%1&limit=100&offset=%2")
                                    .arg(sort)
                                    .arg(offset));
            const QJsonArray items = page.json().value(QLatin1String("items")).toArray();
            for (const QJsonValue& item : items) {
                const QJsonObject object = item.toObject();
                const QString id = object.value(QLatin1String("id")).toString();
                set.insert(QUuid::fromString(id),
                           {object.value(QLatin1String("name")).toString(),
                            object.value(QLatin1String("version")).toInteger()});
                if (sort == QLatin1String("name") && namesInOrder)
                    namesInOrder->append(id);
                if (sort == QLatin1String("id") && idsInOrder)
                    idsInOrder->append(id);
            }
            if (items.size() < 100)
                break;
        }
    }
    return set;
}

QHash<QUuid, std::pair<QString, qint64>> storeSet(const QList<Secret>& secrets)
{
    QHash<QUuid, std::pair<QString, qint64>> set;
    for (const Secret& secret : secrets)
        set.insert(secret.id, {secret.name, secret.version});
    return set;
}
} // namespace

class TestRemoteApiStore final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_cacheDir;

    std::unique_ptr<ServerProcess> startServer(const QStringList& extra = {})
    {
        auto server = std::make_unique<ServerProcess>();
        if (!server->start(clientArguments() + extra))
            return nullptr;
        return server;
    }

    std::unique_ptr<RemoteApiStore> newStore(const QString& clientId,
                                             const ServerProcess* server = nullptr,
                                             const RemoteProfile* profile = nullptr)
    {
        const ServerProcess& s = server ? *server : *m_server;
        auto store = std::make_unique<RemoteApiStore>(
            profile ? *profile : RemoteTestSupport::profileFor(s, clientId), m_cacheDir->path());
        store->setRefreshInterval(0); // the tests refresh explicitly
        return store;
    }

    // A store of clientId, opened and signed in; null (and a failed check) otherwise.
    std::unique_ptr<RemoteApiStore> signedIn(const QString& clientId,
                                             const ServerProcess* server = nullptr)
    {
        const ServerProcess& s = server ? *server : *m_server;
        auto store = newStore(clientId, &s);
        store->open();
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(s, clientId)));
        if (!result.ok()) {
            qWarning("sign-in failed: %s", qUtf8Printable(result.error().message()));
            return nullptr;
        }
        return store;
    }

    static QList<Secret> rows(RemoteApiStore& store) { return await(store.list()).value(); }

private slots:
    void initTestCase()
    {
        m_server = startServer();
        QVERIFY2(m_server, "mint-config-server did not start");
    }

    void init()
    {
        m_cacheDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_cacheDir->isValid());
    }

    void signInReadsMe()
    {
        auto store = newStore(Admin);
        QSignalSpy status(store.get(), &SecretStore::statusChanged);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->isReadOnly());
        QVERIFY(!store->isSignedIn());
        auto future = store->signIn(RemoteTestSupport::secretOf(*m_server, Admin));
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Connecting);
        QVERIFY(store->isSyncing());
        const auto result = await(future);
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QVERIFY(store->isSignedIn());
        QVERIFY(store->isOpen());
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QVERIFY(!store->isReadOnly());
        QVERIFY(!store->isSyncing());
        QVERIFY(store->lastSync().isValid());
        QVERIFY(!store->lastSyncError().isError());
        QCOMPARE(store->subject(), Admin);
        QCOMPARE(store->permissions(), Permissions(Permission::All));
        QCOMPARE(store->rolesGranting(Permission::SecretsDelete),
                 QStringList{QStringLiteral("Mint Admin")});
        QVERIFY(status.count() >= 2);
        QCOMPARE(store->displayName(),
                 QStringLiteral("Test (127.0.0.1:%1)").arg(m_server->url({}).port()));
        QVERIFY(store->knowsReferences());
    }

    void crudRoundTrip()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        QSignalSpy changed(store.get(), &SecretStore::secretChanged);
        QSignalSpy removed(store.get(), &SecretStore::secretRemoved);

        const auto created =
            await(store->create(QStringLiteral("  CRM token  "), SecretValue::fromText(u"v1-crm")));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        const Secret secret = created.value();
        QCOMPARE(secret.name, QStringLiteral("CRM token"));
        QCOMPARE(secret.version, 1);
        QCOMPARE(secret.createdBy, Admin);
        QVERIFY(secret.createdAt.isValid());
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().first().value<Secret>(), secret);
        QVERIFY(findByName(rows(*store), QStringLiteral("CRM token")));

        const auto renamed =
            await(store->update(secret.id, 1, QStringLiteral("CRM token (prod)"), std::nullopt));
        QVERIFY2(renamed.ok(), qPrintable(renamed.error().message()));
        QCOMPARE(renamed.value().version, 2);
        QCOMPARE(renamed.value().name, QStringLiteral("CRM token (prod)"));
        QCOMPARE(changed.count(), 1);

        const auto replaced =
            await(store->update(secret.id, 2, std::nullopt, SecretValue::fromText(u"v2-crm")));
        QVERIFY2(replaced.ok(), qPrintable(replaced.error().message()));
        QCOMPARE(replaced.value().version, 3);
        QCOMPARE(replaced.value().name, QStringLiteral("CRM token (prod)"));
        QCOMPARE(changed.count(), 2);

        const auto taken =
            await(store->create(QStringLiteral("crm TOKEN (prod)"), SecretValue::fromText(u"x")));
        QCOMPARE(taken.error().code(), StoreError::Code::NameTaken);
        const auto invalid = await(store->create(QString(), SecretValue::fromText(u"x")));
        QCOMPARE(invalid.error().code(), StoreError::Code::NameInvalid);
        const auto empty = await(store->create(QStringLiteral("Empty"), SecretValue()));
        QCOMPARE(empty.error().code(), StoreError::Code::ValueEmpty);

        const auto gone = await(store->remove(secret.id, 3));
        QVERIFY2(gone.ok(), qPrintable(gone.error().message()));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().value<QUuid>(), secret.id);
        QVERIFY(!findByName(rows(*store), QStringLiteral("CRM token (prod)")));
        QCOMPARE(added.count(), 1);

        const auto missing = await(store->remove(secret.id, 3));
        QCOMPARE(missing.error().code(), StoreError::Code::NotFound);
    }

    void fullSyncOfThousandPages()
    {
        auto server = startServer({QStringLiteral("--seed-secrets"), QStringLiteral("1000")});
        QVERIFY(server);
        auto store = newStore(Admin, server.get());
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(*server, Admin)));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(reset.count(), 1); // once for a full sync
        QCOMPARE(added.count(), 0);
        const auto secrets = reset.first().first().value<QList<Secret>>();
        QCOMPARE(secrets.size(), 1000);
        QSet<QUuid> ids;
        for (const Secret& secret : secrets)
            ids.insert(secret.id);
        QCOMPARE(ids.size(), 1000);
        QVERIFY(findByName(secrets, QStringLiteral("Secret 00001")));
        QVERIFY(findByName(secrets, QStringLiteral("Secret 01000")));

        // Nothing changed: a refresh emits nothing.
        QSignalSpy changed(store.get(), &SecretStore::secretChanged);
        store->refresh();
        QVERIFY(RemoteTestSupport::waitUntil([&] { return !store->isSyncing(); }));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(changed.count() + added.count(), 0);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
    }

    void incrementalRefreshSeesAnotherClient()
    {
        RawClient other(*m_server, Editor);
        const QJsonObject renameMe = other.create(QStringLiteral("Rename me"));
        const QJsonObject deleteMe = other.create(QStringLiteral("Delete me"));
        QVERIFY(!renameMe.isEmpty() && !deleteMe.isEmpty());

        auto store = signedIn(Admin);
        QVERIFY(store);
        QVERIFY(findByName(rows(*store), QStringLiteral("Rename me")));
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        QSignalSpy changed(store.get(), &SecretStore::secretChanged);
        QSignalSpy removed(store.get(), &SecretStore::secretRemoved);
        QSignalSpy status(store.get(), &SecretStore::statusChanged);

        const QJsonObject fresh = other.create(QStringLiteral("Made elsewhere"));
        QVERIFY(!fresh.isEmpty());
        const QUuid renameId = QUuid::fromString(renameMe.value(QLatin1String("id")).toString());
        QCOMPARE(
            other.patch(renameId, 1, {{QLatin1String("name"), QStringLiteral("Renamed")}}).status,
            200);
        const QUuid deleteId = QUuid::fromString(deleteMe.value(QLatin1String("id")).toString());
        RawClient admin(*m_server, Admin);
        QCOMPARE(admin.remove(deleteId, 1).status, 204);

        store->refresh();
        QVERIFY(store->isSyncing());
        QVERIFY(RemoteTestSupport::waitUntil([&] { return !store->isSyncing(); }));
        QCOMPARE(reset.count(), 0); // row by row, not a reset
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().first().value<Secret>().name, QStringLiteral("Made elsewhere"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<Secret>().name, QStringLiteral("Renamed"));
        QCOMPARE(changed.first().first().value<Secret>().version, 2);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().value<QUuid>(), deleteId);
        QVERIFY(status.count() >= 2);

        const QList<Secret> now = rows(*store);
        QVERIFY(findByName(now, QStringLiteral("Renamed")));
        QVERIFY(!findByName(now, QStringLiteral("Rename me")));
        QVERIFY(!findByName(now, QStringLiteral("Delete me")));

        // A second refresh with nothing new changes nothing.
        store->refresh();
        QVERIFY(RemoteTestSupport::waitUntil([&] { return !store->isSyncing(); }));
        QCOMPARE(added.count() + changed.count() + removed.count(), 3);
    }

    // docs/api.md §4, full sync: another client deletes and renames secrets between two pages of
    // a full sync (PUT /_test/list-trigger runs the writes right after the Nth list request).
    // Offset paging by name would skip unchanged secrets that shifted to an earlier offset; the
    // keyset paging by id must not, and the synced set must equal the server's.
    void fullSyncSurvivesWritesBetweenPages_data()
    {
        QTest::addColumn<int>("afterLists");
        QTest::newRow("between pages 1 and 2") << 1;
        QTest::newRow("between pages 2 and 3") << 2;
    }

    void fullSyncSurvivesWritesBetweenPages()
    {
        QFETCH(int, afterLists);
        auto server = startServer({QStringLiteral("--seed-secrets"), QStringLiteral("300")});
        QVERIFY(server);
        RawClient raw(*server, Admin);
        QStringList byName;
        QStringList byId;
        const auto before = serverSet(raw, &byName, &byId);
        QCOMPARE(before.size(), 300);
        QCOMPARE(byName.size(), 300);
        QCOMPARE(byId.size(), 300);

        // Delete the first 5 by name and the first 5 by id (both orders' first pages), rename
        // three early names so they sort last and one id of the second id page so it sorts first.
        QStringList deletions = byName.mid(0, 5);
        for (const QString& id : byId.mid(0, 5)) {
            if (!deletions.contains(id))
                deletions.append(id);
        }
        QJsonArray renames;
        int moved = 0;
        for (const QString& id : byName.mid(5, 10)) {
            if (deletions.contains(id) || moved == 3)
                continue;
            renames.append(
                QJsonObject{{QLatin1String("id"), id},
                            {QLatin1String("name"), QStringLiteral("zz moved %1").arg(++moved)}});
        }
        if (!deletions.contains(byId.at(150)))
            renames.append(QJsonObject{{QLatin1String("id"), byId.at(150)},
                                       {QLatin1String("name"), QStringLiteral("aa moved")}});
        QCOMPARE(raw.hook("PUT", QStringLiteral("/_test/list-trigger"),
                          {{QLatin1String("afterLists"), afterLists},
                           {QLatin1String("delete"), QJsonArray::fromStringList(deletions)},
                           {QLatin1String("rename"), renames}})
                     .status,
                 204);

        const QJsonObject stats = raw.stats();
        auto store = newStore(Admin, server.get());
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(*server, Admin)));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        // The trigger fired: the sync read more pages than it took to fire it.
        QVERIFY(RemoteTestSupport::statDelta(stats, raw.stats(), "listRequests") > afterLists);

        const auto after = serverSet(raw);
        QCOMPARE(after.size(), 300 - deletions.size());
        for (const QString& id : std::as_const(deletions))
            QVERIFY(!after.contains(QUuid::fromString(id)));
        QCOMPARE(reset.count(), 1);
        const auto synced = storeSet(reset.first().first().value<QList<Secret>>());
        for (auto it = after.cbegin(); it != after.cend(); ++it)
            QVERIFY2(synced.contains(it.key()),
                     qPrintable(QStringLiteral("missed by the full sync: ") + it.value().first));
        QCOMPARE(synced, after);
        QCOMPARE(storeSet(rows(*store)), after);
        QVERIFY(findByName(rows(*store), QStringLiteral("zz moved 3")));
    }

    // docs/api.md §4, public key: after a rotation that refuses the old key at once (grace 0),
    // a create and an update refetch the key, re-seal once and succeed.
    void keyRotationRefetchesAndResealsOnce()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        RawClient raw(*m_server, Admin);
        const auto first = await(
            store->create(QStringLiteral("Before rotation"), SecretValue::fromText(u"before")));
        QVERIFY2(first.ok(), qPrintable(first.error().message())); // the key is cached now
        const auto rotate = [&raw] {
            return raw.hook("POST", QStringLiteral("/_test/rotate-key"),
                            {{QLatin1String("graceSeconds"), 0}});
        };

        QCOMPARE(rotate().status, 200);
        QJsonObject stats = raw.stats();
        const auto second =
            await(store->create(QStringLiteral("After rotation"), SecretValue::fromText(u"after")));
        QVERIFY2(second.ok(), qPrintable(second.error().message()));
        QJsonObject now = raw.stats();
        // POST (422 unknown-key), GET public-key, POST again: one re-seal, no token renewal.
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "requests"), 3);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "unauthorized"), 0);
        QCOMPARE(raw.digest(second.value().id), RemoteTestSupport::sha256Hex("after"));

        QCOMPARE(rotate().status, 200);
        stats = raw.stats();
        const auto updated = await(store->update(second.value().id, 1, std::nullopt,
                                                 SecretValue::fromText(u"after, changed")));
        QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
        QCOMPARE(updated.value().version, 2);
        now = raw.stats();
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "requests"), 3); // PATCH, key, PATCH
        QCOMPARE(raw.digest(second.value().id), RemoteTestSupport::sha256Hex("after, changed"));

        // The refetched key is kept: the next write needs no refetch.
        stats = raw.stats();
        QVERIFY(await(store->create(QStringLiteral("Same key"), SecretValue::fromText(u"3"))).ok());
        QCOMPARE(RemoteTestSupport::statDelta(stats, raw.stats(), "requests"), 1);
    }

    // GET /_test/secrets/{id}/digest: the server stored exactly the bytes the client sealed.
    void sealedValueReachesTheServerIntact()
    {
        auto store = signedIn(Editor);
        QVERIFY(store);
        RawClient raw(*m_server, Admin);
        QByteArray binary(4096, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = char((i * 131 + 7) % 256);
        const QByteArray text = QStringLiteral("Grüße, 秘密 ✓").toUtf8();
        const auto created =
            await(store->create(QStringLiteral("Digest proof"), SecretValue(text)));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        QCOMPARE(raw.digest(created.value().id), RemoteTestSupport::sha256Hex(text));
        const auto updated =
            await(store->update(created.value().id, 1, std::nullopt, SecretValue(binary)));
        QVERIFY2(updated.ok(), qPrintable(updated.error().message()));
        QCOMPARE(raw.digest(created.value().id), RemoteTestSupport::sha256Hex(binary));
        const QByteArray largest(64 * 1024, 'L');
        QVERIFY(await(store->update(created.value().id, 2, QStringLiteral("Digest proof 2"),
                                    SecretValue(largest)))
                    .ok());
        QCOMPARE(raw.digest(created.value().id), RemoteTestSupport::sha256Hex(largest));
        // A rename alone leaves the value as it was.
        QVERIFY(await(store->update(created.value().id, 3, QStringLiteral("Digest proof 3"),
                                    std::nullopt))
                    .ok());
        QCOMPARE(raw.digest(created.value().id), RemoteTestSupport::sha256Hex(largest));
    }

    // docs/api.md §2: after a 401 the client fetches one new token and repeats the request once;
    // a second refusal (or a client secret the server no longer accepts) ends it, no loop.
    void unauthorizedRenewsTheTokenOnce()
    {
        auto server = startServer();
        QVERIFY(server);
        auto store = signedIn(Admin, server.get());
        QVERIFY(store);
        RawClient raw(*server, Admin);
        const auto made =
            await(store->create(QStringLiteral("Token one"), SecretValue::fromText(u"1")));
        QVERIFY(made.ok()); // the sealing key is cached from here on

        // Revoked: one 401, one new token, the create repeated and done.
        QCOMPARE(raw.hook("POST", QStringLiteral("/_test/revoke-tokens")).status, 200);
        QJsonObject stats = raw.stats();
        const auto renewed =
            await(store->create(QStringLiteral("Token two"), SecretValue::fromText(u"2")));
        QVERIFY2(renewed.ok(), qPrintable(renewed.error().message()));
        QJsonObject now = raw.stats();
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "unauthorized"), 1);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "tokensIssued"), 1);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "requests"), 3); // POST, token, POST

        // Every token refused, the new one too: 401, one new token, 401 again, then it gives up.
        QCOMPARE(raw.hook("POST", QStringLiteral("/_test/revoke-tokens"),
                          {{QLatin1String("refuseNewTokens"), true}})
                     .status,
                 200);
        stats = raw.stats();
        const auto refused =
            await(store->update(renewed.value().id, 1, QStringLiteral("Nope"), std::nullopt));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code(), StoreError::Code::SignInFailed);
        RemoteTestSupport::spin(500);
        now = raw.stats();
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "unauthorized"), 2);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "tokensIssued"), 1);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "requests"), 3); // PATCH, token, PATCH

        // Tokens revoked and the client secret no longer valid: one 401, one refused token
        // request, SignInFailed; a refresh fails the same way, once.
        QCOMPARE(raw.hook("POST", QStringLiteral("/_test/revoke-tokens"),
                          {{QLatin1String("changeClientSecrets"), true}})
                     .status,
                 200);
        stats = raw.stats();
        const auto wrongSecret = await(
            store->update(renewed.value().id, 1, QStringLiteral("Nope either"), std::nullopt));
        QVERIFY(!wrongSecret.ok());
        QCOMPARE(wrongSecret.error().code(), StoreError::Code::SignInFailed);
        QVERIFY(
            !wrongSecret.error().message().contains(QString::fromLatin1(server->secret(Admin))));
        RemoteTestSupport::spin(500);
        now = raw.stats();
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "unauthorized"), 1);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "tokenRefusals"), 1);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "tokensIssued"), 0);
        QCOMPARE(RemoteTestSupport::statDelta(stats, now, "requests"), 2); // PATCH, token
    }

    void expiredCursorMeansFullSync()
    {
        auto server =
            startServer({QStringLiteral("--change-retention-seconds"), QStringLiteral("1")});
        QVERIFY(server);
        auto store = signedIn(Admin, server.get());
        QVERIFY(store);
        RawClient other(*server, Editor);
        QVERIFY(!other.create(QStringLiteral("Beyond retention")).isEmpty());
        RemoteTestSupport::spin(2200); // the change is pruned: the store's cursor has expired
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        store->refresh();
        QVERIFY(RemoteTestSupport::waitUntil([&] { return !store->isSyncing(); }));
        QVERIFY2(!store->lastSyncError().isError(), qPrintable(store->lastSyncError().message()));
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(added.count(), 0);
        QVERIFY(findByName(reset.first().first().value<QList<Secret>>(),
                           QStringLiteral("Beyond retention")));
    }

    void periodicRefreshWhileOnline()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        store->setRefreshInterval(150);
        RawClient other(*m_server, Editor);
        QVERIFY(!other.create(QStringLiteral("Picked up by the timer")).isEmpty());
        QVERIFY(RemoteTestSupport::waitUntil([&] { return added.count() == 1; }, 5000));
        QCOMPARE(added.first().first().value<Secret>().name,
                 QStringLiteral("Picked up by the timer"));
        store->setRefreshInterval(0);
    }

    void signOutKeepsTheRowsReadOnly()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        QVERIFY(
            await(store->create(QStringLiteral("Kept after sign-out"), SecretValue::fromText(u"k")))
                .ok());
        QSignalSpy status(store.get(), &SecretStore::statusChanged);
        store->signOut();
        QVERIFY(status.count() >= 1);
        QVERIFY(!store->isSignedIn());
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->isReadOnly());
        QVERIFY(findByName(rows(*store), QStringLiteral("Kept after sign-out")));
        QCOMPARE(
            await(store->create(QStringLiteral("x"), SecretValue::fromText(u"x"))).error().code(),
            StoreError::Code::ReadOnly);
        store->refresh(); // a no-op when signed out
        QVERIFY(!store->isSyncing());
        QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin))).ok());
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
    }

    void concurrentEditIsStale()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        const auto created =
            await(store->create(QStringLiteral("Contested"), SecretValue::fromText(u"one")));
        QVERIFY(created.ok());
        RawClient other(*m_server, Editor);
        QCOMPARE(other
                     .patch(created.value().id, 1,
                            {{QLatin1String("name"), QStringLiteral("Contested (theirs)")}})
                     .status,
                 200);

        QSignalSpy changed(store.get(), &SecretStore::secretChanged);
        const auto mine = await(
            store->update(created.value().id, 1, QStringLiteral("Contested (mine)"), std::nullopt));
        QCOMPARE(mine.error().code(), StoreError::Code::StaleVersion);
        QVERIFY2(mine.error().message().contains(QLatin1String("someone else")),
                 qPrintable(mine.error().message()));
        // The row was reloaded to what the server has.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<Secret>().name,
                 QStringLiteral("Contested (theirs)"));
        QCOMPARE(changed.first().first().value<Secret>().version, 2);

        const auto removeStale = await(store->remove(created.value().id, 1));
        QCOMPARE(removeStale.error().code(), StoreError::Code::StaleVersion);
        QVERIFY(await(store->remove(created.value().id, 2)).ok());
    }

    void editorCannotDelete()
    {
        auto store = signedIn(Editor);
        QVERIFY(store);
        QCOMPARE(store->permissions(),
                 Permissions(Permission::SecretsRead | Permission::SecretsWrite));
        QCOMPARE(store->rolesGranting(Permission::SecretsDelete),
                 QStringList{QStringLiteral("Mint Admin")});
        const auto created =
            await(store->create(QStringLiteral("Editor's"), SecretValue::fromText(u"ed")));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        QSignalSpy removed(store.get(), &SecretStore::secretRemoved);
        const auto refused = await(store->remove(created.value().id, 1));
        QCOMPARE(refused.error().code(), StoreError::Code::PermissionDenied);
        QCOMPARE(refused.error().message(),
                 QStringLiteral("Deleting secrets needs the Mint Admin role."));
        QCOMPARE(removed.count(), 0);
        QVERIFY(findByName(rows(*store), QStringLiteral("Editor's")));
    }

    void noRoleSignsInWithNothing()
    {
        auto store = newStore(Nobody);
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        store->open();
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(*m_server, Nobody)));
        QVERIFY2(result.ok(), qPrintable(result.error().message()));
        QCOMPARE(store->permissions(), Permissions(Permission::None));
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        QVERIFY(rows(*store).isEmpty());
        QVERIFY(
            store->rolesGranting(Permission::SecretsRead).contains(QStringLiteral("Mint Editor")));
        const auto refused =
            await(store->create(QStringLiteral("Nope"), SecretValue::fromText(u"x")));
        QCOMPARE(refused.error().code(), StoreError::Code::PermissionDenied);
        QVERIFY2(refused.error().message().contains(QLatin1String("Mint Editor")),
                 qPrintable(refused.error().message()));
    }

    void wrongSecretFailsSignIn()
    {
        auto store = newStore(Admin);
        store->open();
        const auto result = await(store->signIn(SecretValue(QByteArrayView("not the secret"))));
        QCOMPARE(result.error().code(), StoreError::Code::SignInFailed);
        QVERIFY(!store->isSignedIn());
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->isReadOnly());
        QCOMPARE(store->lastSyncError().code(), StoreError::Code::SignInFailed);
        const auto write = await(store->create(QStringLiteral("x"), SecretValue::fromText(u"x")));
        QCOMPARE(write.error().code(), StoreError::Code::ReadOnly);
    }

    void testConnection()
    {
        const auto check =
            await(RemoteApiStore::testConnection(RemoteTestSupport::profileFor(*m_server, Editor),
                                                 RemoteTestSupport::secretOf(*m_server, Editor)));
        QVERIFY2(check.ok(), qPrintable(check.error().message()));
        QCOMPARE(check.value().subject, Editor);
        QCOMPARE(check.value().roles, QStringList{QStringLiteral("Mint Editor")});
        QCOMPARE(check.value().permissions,
                 Permissions(Permission::SecretsRead | Permission::SecretsWrite));

        const auto wrong = await(RemoteApiStore::testConnection(
            RemoteTestSupport::profileFor(*m_server, Editor), SecretValue(QByteArrayView("no"))));
        QCOMPARE(wrong.error().code(), StoreError::Code::SignInFailed);
    }

    void tokenExpiryIsRenewed()
    {
        auto server = startServer({QStringLiteral("--token-lifetime"), QStringLiteral("2")});
        QVERIFY(server);
        auto store = signedIn(Admin, server.get());
        QVERIFY(store);
        const auto first =
            await(store->create(QStringLiteral("Before"), SecretValue::fromText(u"1")));
        QVERIFY(first.ok());
        RemoteTestSupport::spin(2500); // the token has expired
        const auto second =
            await(store->create(QStringLiteral("After"), SecretValue::fromText(u"2")));
        QVERIFY2(second.ok(), qPrintable(second.error().message()));
        store->refresh();
        QVERIFY(RemoteTestSupport::waitUntil([&] { return !store->isSyncing(); }));
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
        RemoteTestSupport::spin(2100);
        const auto third =
            await(store->update(second.value().id, 1, QStringLiteral("After 2"), std::nullopt));
        QVERIFY2(third.ok(), qPrintable(third.error().message()));
    }

    void sealingRoundTripAndTamper()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        // 201 and 200 mean the server opened the sealed value: it answers 422 unsealing-failed
        // when it cannot, and validation-failed when the opened value is out of bounds.
        const auto created =
            await(store->create(QStringLiteral("Sealed"), SecretValue(QByteArray(64 * 1024, 'v'))));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        const auto replaced = await(store->update(created.value().id, 1, std::nullopt,
                                                  SecretValue::fromText(u"new value")));
        QVERIFY2(replaced.ok(), qPrintable(replaced.error().message()));
        const auto tooLarge = await(store->create(QStringLiteral("Too large"),
                                                  SecretValue(QByteArray(64 * 1024 + 1, 'v'))));
        QCOMPARE(tooLarge.error().code(), StoreError::Code::ValueTooLarge);

        // A value sealed for another target is refused (the seal binds "create" or the id).
        RawClient raw(*m_server, Admin);
        const auto tampered =
            raw.patch(created.value().id, 2,
                      {{QLatin1String("value"), raw.sealed("moved", QStringLiteral("create"))}});
        QCOMPARE(tampered.status, 422);
        QCOMPARE(tampered.problemType(), QStringLiteral("unsealing-failed"));
        QCOMPARE(tampered.json().value(QLatin1String("reason")).toString(),
                 QStringLiteral("bad-seal"));
        const QJsonObject other = raw.create(QStringLiteral("Other target"));
        const auto crossed =
            raw.patch(created.value().id, 2,
                      {{QLatin1String("value"),
                        raw.sealed("moved", other.value(QLatin1String("id")).toString())}});
        QCOMPARE(crossed.status, 422);
    }

    void references()
    {
        auto store = signedIn(Admin);
        QVERIFY(store);
        const auto created =
            await(store->create(QStringLiteral("Referenced"), SecretValue::fromText(u"ref")));
        QVERIFY(created.ok());
        RawClient hooks(*m_server, Admin);
        const QJsonObject flow{
            {QLatin1String("flowName"), QStringLiteral("Partner onboarding")},
            {QLatin1String("steps"),
             QJsonArray{QJsonObject{
                 {QLatin1String("stepId"), QStringLiteral("s-7")},
                 {QLatin1String("stepName"), QStringLiteral("Get partner token")},
                 {QLatin1String("stepType"), QStringLiteral("connections.send-http-request")},
                 {QLatin1String("field"), QStringLiteral("body.client_secret")},
                 {QLatin1String("secretId"), created.value().id.toString(QUuid::WithoutBraces)}}}}};
        const auto put = hooks.send("PUT", QStringLiteral("/_test/flows/f-42"),
                                    QJsonDocument(flow).toJson(QJsonDocument::Compact));
        QVERIFY2(put.status / 100 == 2, put.body.constData());

        const auto references = await(store->references(created.value().id));
        QVERIFY2(references.ok(), qPrintable(references.error().message()));
        QCOMPARE(references.value().size(), 1);
        QCOMPARE(references.value().first().flowId, QStringLiteral("f-42"));
        QCOMPARE(references.value().first().flowName, QStringLiteral("Partner onboarding"));
        QCOMPARE(references.value().first().stepName, QStringLiteral("Get partner token"));
        QCOMPARE(references.value().first().field, QStringLiteral("body.client_secret"));

        const auto none = await(store->references(QUuid::createUuid()));
        QCOMPARE(none.error().code(), StoreError::Code::NotFound);
    }

    void cacheShowsRowsBeforeSignIn()
    {
        QUuid id;
        RemoteProfile profile = RemoteTestSupport::profileFor(*m_server, Admin);
        {
            auto store = newStore(Admin, nullptr, &profile);
            store->open();
            QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin))).ok());
            const auto created =
                await(store->create(QStringLiteral("Cached row"), SecretValue::fromText(u"c")));
            QVERIFY(created.ok());
            id = created.value().id;
        } // destroying the store writes the cache

        auto store = newStore(Admin, nullptr, &profile);
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        QSignalSpy open(store.get(), &SecretStore::openChanged);
        store->open();
        QCOMPARE(reset.count(), 1); // at once, before any network
        QCOMPARE(open.count(), 1);
        QVERIFY(store->isOpen());
        const auto cached = reset.first().first().value<QList<Secret>>();
        const Secret* row = findByName(cached, QStringLiteral("Cached row"));
        QVERIFY(row);
        QCOMPARE(row->id, id);
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Offline);
        QVERIFY(store->isReadOnly());
        QVERIFY(store->lastSync().isValid());
        QCOMPARE(store->subject(), Admin);
        QCOMPARE(store->permissions(), Permissions(Permission::All));
        const auto write = await(store->create(QStringLiteral("x"), SecretValue::fromText(u"x")));
        QCOMPARE(write.error().code(), StoreError::Code::ReadOnly);

        // Signing in continues from the cached cursor: row by row, no reset.
        RawClient other(*m_server, Editor);
        QVERIFY(!other.create(QStringLiteral("While away")).isEmpty());
        QSignalSpy added(store.get(), &SecretStore::secretAdded);
        QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin))).ok());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().first().value<Secret>().name, QStringLiteral("While away"));
    }

    void corruptCacheIsIgnored_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::newRow("garbage") << QByteArray("\x00\xff not json", 12);
        QTest::newRow("truncated") << QByteArray("{\"format\":1,\"secrets\":[{\"id\":\"0601cafa-");
        QTest::newRow("wrong types") << QByteArray("{\"format\":1,\"apiBaseUrl\":7,\"secrets\":[{"
                                                   "\"id\":1,\"name\":[],\"version\":\"x\"}]}");
        QTest::newRow("future format") << QByteArray("{\"format\":99,\"secrets\":[]}");
        QTest::newRow("array") << QByteArray("[1,2,3]");
    }
    void corruptCacheIsIgnored()
    {
        QFETCH(QByteArray, contents);
        const RemoteProfile profile = RemoteTestSupport::profileFor(*m_server, Admin);
        const MetadataCache cache(m_cacheDir->path(), profile.id);
        QFile file(cache.path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
        file.close();
        auto store = newStore(Admin, nullptr, &profile);
        QSignalSpy reset(store.get(), &SecretStore::secretsReset);
        store->open();
        QCOMPARE(reset.count(), 1);
        QVERIFY(reset.first().first().value<QList<Secret>>().isEmpty());
        QVERIFY(store->isOpen());
        QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin))).ok());
        QCOMPARE(store->connectivity(), SecretStore::Connectivity::Online);
    }

    void cacheHoldsNoValueAndIsPrivate()
    {
        const QByteArray value = "cache-canary-" + QUuid::createUuid().toByteArray(QUuid::Id128);
        const RemoteProfile profile = RemoteTestSupport::profileFor(*m_server, Admin);
        {
            auto store = newStore(Admin, nullptr, &profile);
            QVERIFY(await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin))).ok());
            const auto created =
                await(store->create(QStringLiteral("Cache canary"), SecretValue(value)));
            QVERIFY(created.ok());
            QVERIFY(
                await(store->update(created.value().id, 1, std::nullopt, SecretValue(value + "-2")))
                    .ok());
        }
        const MetadataCache cache(m_cacheDir->path(), profile.id);
        QVERIFY(QFile::exists(cache.path()));
        QCOMPARE(QFile::permissions(cache.path()) & 0x0077, QFileDevice::Permissions());
        const QByteArray secret = m_server->secret(Admin);
        for (const QByteArray& form : RemoteTestSupport::leakForms(value)) {
            QVERIFY2(RemoteTestSupport::filesContaining(m_cacheDir->path(), form).isEmpty(),
                     form.constData());
        }
        QVERIFY(RemoteTestSupport::filesContaining(m_cacheDir->path(), secret).isEmpty());
        const auto data = cache.load();
        QVERIFY(data);
        QVERIFY(findByName(data->secrets, QStringLiteral("Cache canary")));
    }

    void unknownCaIsRefused()
    {
        const RemoteProfile profile = RemoteTestSupport::profileFor(*m_server, Admin, false);
        auto store = newStore(Admin, nullptr, &profile);
        store->open();
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(*m_server, Admin)));
        QCOMPARE(result.error().code(), StoreError::Code::TlsUntrusted);
        QVERIFY(!store->isSignedIn());
        const auto check = await(
            RemoteApiStore::testConnection(profile, RemoteTestSupport::secretOf(*m_server, Admin)));
        QCOMPARE(check.error().code(), StoreError::Code::TlsUntrusted);
    }

    void wrongHostNameIsRefused()
    {
        auto server =
            startServer({QStringLiteral("--server-name"), QStringLiteral("wrong.invalid")});
        QVERIFY(server);
        auto store = newStore(Admin, server.get());
        const auto result = await(store->signIn(RemoteTestSupport::secretOf(*server, Admin)));
        QCOMPARE(result.error().code(), StoreError::Code::TlsUntrusted);
    }

    void plainHttpOnlyToLoopback()
    {
        RemoteProfile profile = RemoteTestSupport::profileFor(*m_server, Admin);
        profile.apiBaseUrl = QUrl(QStringLiteral("http://config.example.com/mint/v1"));
        profile.tokenUrl =
            QUrl(QStringLiteral("http://config.example.com/auth/open/connect/token"));
        auto store = newStore(Admin, nullptr, &profile);
        const auto result = await(store->signIn(SecretValue(QByteArrayView("x"))));
        QVERIFY(result.error().isError());
        QVERIFY(!store->isSignedIn());
        const auto check =
            await(RemoteApiStore::testConnection(profile, SecretValue(QByteArrayView("x"))));
        QVERIFY(check.error().isError());
    }
};

QTEST_GUILESS_MAIN(TestRemoteApiStore)
#include "tst_remoteapistore.moc"
