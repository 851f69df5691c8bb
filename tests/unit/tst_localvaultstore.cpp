// The local vault through its public store API, on real SQLite files: every error the issue
// names, persistence, tampering, concurrency between two store instances.

#include "TestSupport.h"
#include "vault/LocalVaultStore.h"
#include "vault/VaultEngine.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using TestSupport::await;
using Code = StoreError::Code;

namespace {

const char* const Password = "correct horse battery staple";

SecretValue password(const char* text = Password)
{
    return SecretValue(QByteArrayView(text));
}

SecretValue value(QByteArrayView bytes)
{
    return SecretValue(bytes);
}

QByteArray fileHash(const QString& path)
{
    QByteArray all = TestSupport::readAll(path);
    for (const char* suffix : {"-wal", "-shm"})
        all += TestSupport::readAll(path + QLatin1String(suffix));
    return QCryptographicHash::hash(all, QCryptographicHash::Sha256);
}

// Runs SQL on the vault file behind the app's back, as an attacker or another program would.
void rawSql(const QString& path, const QStringList& statements, const QVariantList& binds = {})
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"raw"_qs);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString& sql : statements) {
            QSqlQuery query(db);
            QVERIFY(query.prepare(sql));
            for (const QVariant& bind : binds)
                if (sql.count(u'?') > 0)
                    query.addBindValue(bind);
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(u"raw"_qs);
}

// The first column of every row of select on the vault file, read behind the app's back.
QVariantList rawColumn(const QString& path, const QString& select)
{
    QVariantList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"raw"_qs);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(select, db);
            while (query.next())
                values.append(query.value(0));
        }
    }
    QSqlDatabase::removeDatabase(u"raw"_qs);
    return values;
}

int userVersion(const QString& path)
{
    return rawColumn(path, u"PRAGMA user_version"_qs).value(0, -1).toInt();
}

QByteArray rawBlob(const QString& path, const QString& sql, const QUuid& id)
{
    QByteArray blob;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"raw"_qs);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(sql);
            query.addBindValue(id.toRfc4122());
            if (query.exec() && query.next())
                blob = query.value(0).toByteArray();
        }
    }
    QSqlDatabase::removeDatabase(u"raw"_qs);
    return blob;
}

} // namespace

class TestLocalVaultStore final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name = u"vault.mintvault"_qs) const { return m_dir.filePath(name); }

    // A private copy of tests/data/vault-v1.mintvault (format 1; see tests/data/README.md).
    QString v1Copy(const QString& name)
    {
        const QString fixture = qEnvironmentVariable("MINT_TEST_DATA") + u"/vault-v1.mintvault"_qs;
        const QString copy = path(name);
        if (!QFile::copy(fixture, copy)
            || !QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner))
            qFatal("could not copy %s", qPrintable(fixture));
        return copy;
    }
    static SecretValue v1Password() { return password("v1 fixture password"); }

    // A new vault at file with the given secret names (values "value-<name>").
    std::unique_ptr<LocalVaultStore> makeVault(const QString& file, const QStringList& names = {})
    {
        auto store = std::make_unique<LocalVaultStore>(file);
        const auto created = await(store->initialize(password(), TestSupport::fastKdf(), true));
        if (!created.ok())
            qFatal("initialize failed: %s", qPrintable(created.error().message()));
        for (const QString& name : names) {
            const auto added = await(store->create(name, value((u"value-"_qs + name).toUtf8())));
            if (!added.ok())
                qFatal("create failed: %s", qPrintable(added.error().message()));
        }
        return store;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createListAndReopen()
    {
        const QString file = path(u"reopen.mintvault"_qs);
        QList<Secret> before;
        {
            auto store = makeVault(file);
            QVERIFY(store->isOpen());
            QSignalSpy added(store.get(), &SecretStore::secretAdded);
            for (const QString& name : {u"Zeta"_qs, u"alpha"_qs, u"Ærlig nøkkel 🔑"_qs}) {
                const auto result = await(store->create(u"  "_qs + name + u" "_qs, value("v")));
                QVERIFY2(result.ok(), qPrintable(result.error().message()));
                QCOMPARE(result.value().name, name); // trimmed
                QCOMPARE(result.value().version, 1);
                QVERIFY(!result.value().id.isNull());
                QVERIFY(result.value().createdAt.isValid());
            }
            QCOMPARE(added.count(), 3);
            before = await(store->list()).value();
            QCOMPARE(before.size(), 3);
        } // destroyed without lock(): nothing may be lost

        LocalVaultStore reopened(file);
        QVERIFY(!reopened.isOpen());
        QCOMPARE(await(reopened.list()).error().code(), Code::Locked);
        QSignalSpy opened(&reopened, &SecretStore::openChanged);
        QVERIFY(await(reopened.unlock(password())).ok());
        QCOMPARE(opened.count(), 1);
        QSignalSpy reset(&reopened, &SecretStore::secretsReset);
        auto after = await(reopened.list()).value();
        QCOMPARE(reset.count(), 1);
        const auto byId = [](const Secret& a, const Secret& b) { return a.id < b.id; };
        std::sort(before.begin(), before.end(), byId);
        std::sort(after.begin(), after.end(), byId);
        QCOMPARE(after, before);
    }

    void wrongPasswordWritesNothing()
    {
        const QString file = path(u"wrong.mintvault"_qs);
        makeVault(file, {u"one"_qs});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        const auto result = await(store.unlock(password("not the password")));
        QCOMPARE(result.error().code(), Code::WrongPassword);
        QCOMPARE(result.error().message(), u"The password is not correct for this vault."_qs);
        QVERIFY(!store.isOpen());
        QCOMPARE(fileHash(file), hash);
    }

    void missingFile()
    {
        LocalVaultStore store(path(u"does-not-exist.mintvault"_qs));
        QCOMPARE(await(store.unlock(password())).error().code(), Code::NotFound);
        QVERIFY(!QFileInfo::exists(path(u"does-not-exist.mintvault"_qs)));
    }

    void initializeRefusesExistingFile()
    {
        const QString file = path(u"exists.mintvault"_qs);
        makeVault(file, {u"kept"_qs});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QCOMPARE(await(store.initialize(password(), TestSupport::fastKdf(), true)).error().code(),
                 Code::VaultExists);
        QCOMPARE(fileHash(file), hash);
    }

    void weakKdfRefusedUnlessAllowed()
    {
        const QString file = path(u"weak.mintvault"_qs);
        LocalVaultStore store(file);
        QCOMPARE(await(store.initialize(password(), TestSupport::fastKdf())).error().code(),
                 Code::WeakKdf);
        QVERIFY(!QFileInfo::exists(file));
    }

    void notAVault_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("hello, this is a text file\n");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("random") << Random::bytes(8192);
    }
    void notAVault()
    {
        QFETCH(QByteArray, content);
        const QString file = path(u"not-a-vault-%1"_qs.arg(QLatin1String(QTest::currentDataTag())));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        LocalVaultStore store(file);
        QCOMPARE(await(store.unlock(password())).error().code(), Code::NotAVault);
        QCOMPARE(TestSupport::readAll(file), content);
    }

    void otherSqliteDatabaseIsNotAVault()
    {
        const QString file = path(u"other.sqlite"_qs);
        rawSql(file, {u"CREATE TABLE notes (text TEXT)"_qs});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QCOMPARE(await(store.unlock(password())).error().code(), Code::NotAVault);
        QCOMPARE(fileHash(file), hash);
    }

    void newerFormatVersionRefused()
    {
        const QString file = path(u"future.mintvault"_qs);
        makeVault(file, {u"one"_qs});
        rawSql(file, {u"PRAGMA user_version = 99"_qs});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        const auto result = await(store.unlock(password()));
        QCOMPARE(result.error().code(), Code::UnsupportedVersion);
        QVERIFY(result.error().message().contains(u"newer version"_qs));
        QCOMPARE(fileHash(file), hash);
    }

    void missingHeaderIsCorrupted()
    {
        const QString file = path(u"no-header.mintvault"_qs);
        makeVault(file, {u"one"_qs});
        rawSql(file, {u"DROP TABLE vault"_qs});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QCOMPARE(await(store.unlock(password())).error().code(), Code::Corrupted);
        QCOMPARE(fileHash(file), hash);
    }

    void truncatedFile()
    {
        const QString file = path(u"truncated.mintvault"_qs);
        QStringList names;
        for (int i = 0; i < 300; ++i)
            names << u"secret %1"_qs.arg(i);
        makeVault(file, names);
        QByteArray content = TestSupport::readAll(file);
        QVERIFY(content.size() > 16384);
        content.truncate(content.size() / 2);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(content);
        }
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        const auto unlocked = await(store.unlock(password()));
        const StoreError error = unlocked.ok() ? await(store.list()).error() : unlocked.error();
        QCOMPARE(error.code(), Code::Corrupted);
        QCOMPARE(fileHash(file), hash);
    }

    void tamperedWrappedKey()
    {
        const QString file = path(u"tampered-key.mintvault"_qs);
        makeVault(file, {u"one"_qs});
        QByteArray wrapped;
        {
            LocalVaultStore probe(file); // closes again: the raw edit below needs no other writer
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"raw"_qs);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(u"SELECT wrapped_key FROM vault"_qs, db);
            QVERIFY(query.next());
            wrapped = query.value(0).toByteArray();
        }
        QSqlDatabase::removeDatabase(u"raw"_qs);
        QCOMPARE(wrapped.size(), 60);
        wrapped[20] = char(wrapped[20] ^ 0x80);
        rawSql(file, {u"UPDATE vault SET wrapped_key = ?"_qs}, {wrapped});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        // GCM cannot tell a flipped key blob from a wrong password; either way nothing opens.
        QCOMPARE(await(store.unlock(password())).error().code(), Code::WrongPassword);
        QCOMPARE(fileHash(file), hash);
    }

    void tamperedRowIsReportedOthersUsable()
    {
        const QString file = path(u"tampered-row.mintvault"_qs);
        auto store = makeVault(file, {u"good one"_qs, u"victim"_qs, u"good two"_qs, u"swap"_qs});
        const QList<Secret> secrets = await(store->list()).value();
        const auto idOf = [&](const QString& name) {
            return std::find_if(secrets.begin(), secrets.end(),
                                [&](const Secret& s) { return s.name == name; })
                ->id;
        };
        store->lock();
        // Flip one bit in one row's sealed name; move another row's sealed value into its name.
        const QUuid victim = idOf(u"victim"_qs);
        QByteArray sealed =
            rawBlob(file, u"SELECT name_sealed FROM secrets WHERE id = ?"_qs, victim);
        QVERIFY(!sealed.isEmpty());
        sealed[sealed.size() - 3] = char(sealed[sealed.size() - 3] ^ 0x01);
        rawSql(file, {u"UPDATE secrets SET name_sealed = ? WHERE id = ?"_qs},
               {sealed, victim.toRfc4122()});
        const QUuid swap = idOf(u"swap"_qs);
        rawSql(file, {u"UPDATE secrets SET name_sealed = value_sealed WHERE id = ?"_qs},
               {swap.toRfc4122()});

        QVERIFY(await(store->unlock(password())).ok());
        const auto listed = await(store->list());
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 4);
        QStringList good;
        QList<QUuid> damaged;
        for (const Secret& s : listed.value()) {
            if (s.damaged)
                damaged << s.id;
            else
                good << s.name;
        }
        good.sort();
        QCOMPARE(good, QStringList({u"good one"_qs, u"good two"_qs}));
        QCOMPARE(damaged.size(), 2);
        QVERIFY(damaged.contains(victim) && damaged.contains(swap));

        // A damaged name is repaired by a rename (the value still authenticates); a damaged
        // record can be deleted; the others keep working.
        const auto repaired = await(store->update(victim, 1, u"repaired"_qs, std::nullopt));
        QVERIFY2(repaired.ok(), qPrintable(repaired.error().message()));
        QCOMPARE(repaired.value().name, u"repaired"_qs);
        QVERIFY(!repaired.value().damaged);
        QVERIFY(await(store->remove(swap, 1)).ok());
        QVERIFY(await(store->update(idOf(u"good one"_qs), 1, u"good one!"_qs, std::nullopt)).ok());
        QVERIFY(await(store->create(u"after tamper"_qs, value("x"))).ok());

        // A tampered value is caught when the record must be resealed without a new value.
        const QUuid goodTwo = idOf(u"good two"_qs);
        QByteArray valueBlob =
            rawBlob(file, u"SELECT value_sealed FROM secrets WHERE id = ?"_qs, goodTwo);
        valueBlob[15] = char(valueBlob[15] ^ 0x04);
        rawSql(file, {u"UPDATE secrets SET value_sealed = ? WHERE id = ?"_qs},
               {valueBlob, goodTwo.toRfc4122()});
        QCOMPARE(await(store->update(goodTwo, 1, u"two"_qs, std::nullopt)).error().code(),
                 Code::DamagedRecord);
        QVERIFY(await(store->update(goodTwo, 1, u"two"_qs, value("fresh value"))).ok());
        QCOMPARE(await(store->list()).value().size(), 4);
    }

    void largeVaultListsEveryRowOnce()
    {
        // Large enough to be read in parallel parts, each through its own connection.
        const QString file = path(u"large.mintvault"_qs);
        QList<QUuid> ids;
        {
            VaultEngine engine(file);
            QVERIFY(engine.create(password(), TestSupport::fastKdf()).ok());
            QList<QString> names;
            std::vector<SecretValue> values;
            for (int i = 0; i < 20'000; ++i) {
                names << u"secret %1"_qs.arg(i);
                values.emplace_back(QByteArrayView("v"));
            }
            const auto added = engine.addAll(names, values);
            QVERIFY(added.ok());
            for (const Secret& s : added.value())
                ids << s.id;
            // Deleting rows leaves holes in the rowid range; the parts must not care.
            for (int i = 0; i < 20'000; i += 7)
                QVERIFY(engine.remove(ids[i], 1).ok());
        }
        const QUuid victim = ids[19'998]; // in the last part, and not deleted
        QByteArray sealed =
            rawBlob(file, u"SELECT name_sealed FROM secrets WHERE id = ?"_qs, victim);
        QVERIFY(!sealed.isEmpty());
        sealed[20] = char(sealed[20] ^ 0x10);
        rawSql(file, {u"UPDATE secrets SET name_sealed = ? WHERE id = ?"_qs},
               {sealed, victim.toRfc4122()});

        LocalVaultStore store(file);
        QVERIFY(await(store.unlock(password())).ok());
        const auto listed = await(store.list());
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 20'000 - (20'000 + 6) / 7);
        QSet<QUuid> seen;
        int damaged = 0;
        for (const Secret& s : listed.value()) {
            seen.insert(s.id);
            damaged += s.damaged;
            QCOMPARE(s.damaged, s.id == victim);
            if (!s.damaged)
                QCOMPARE(s.name, u"secret %1"_qs.arg(ids.indexOf(s.id)));
        }
        QCOMPARE(seen.size(), listed.value().size());
        QCOMPARE(damaged, 1);
    }

    void nameRules()
    {
        auto store = makeVault(path(u"names.mintvault"_qs), {u"Café"_qs});
        // NFC and case are ignored for uniqueness: "CAFE\u0301" is the same name.
        QCOMPARE(await(store->create(u"CAFE\u0301"_qs, value("x"))).error().code(),
                 Code::NameTaken);
        QCOMPARE(await(store->create(u" café "_qs, value("x"))).error().code(), Code::NameTaken);
        QCOMPARE(await(store->create(u"   "_qs, value("x"))).error().code(), Code::NameInvalid);
        QCOMPARE(await(store->create(u"tab\there"_qs, value("x"))).error().code(),
                 Code::NameInvalid);
        QCOMPARE(await(store->create(QString(101, u'n'), value("x"))).error().code(),
                 Code::NameInvalid);
        QVERIFY(await(store->create(QString(100, u'n'), value("x"))).ok());
        QCOMPARE(await(store->list()).value().size(), 2);
    }

    void valueRules()
    {
        auto store = makeVault(path(u"values.mintvault"_qs));
        QCOMPARE(await(store->create(u"empty"_qs, SecretValue())).error().code(), Code::ValueEmpty);
        QCOMPARE(await(store->create(u"big"_qs, SecretValue(64 * 1024 + 1))).error().code(),
                 Code::ValueTooLarge);
        const auto max = await(store->create(u"max"_qs, SecretValue(64 * 1024)));
        QVERIFY(max.ok());
        QCOMPARE(await(store->update(max.value().id, 1, std::nullopt, SecretValue(64 * 1024 + 1)))
                     .error()
                     .code(),
                 Code::ValueTooLarge);
        QCOMPARE(await(store->list()).value().size(), 1);
    }

    void updateRenamesAndReplaces()
    {
        const QString file = path(u"update.mintvault"_qs);
        auto store = makeVault(file, {u"api key"_qs, u"other"_qs});
        const Secret original = await(store->find(u"API KEY"_qs)).value();
        QCOMPARE(original.name, u"api key"_qs);
        QSignalSpy changed(store.get(), &SecretStore::secretChanged);

        const auto renamed =
            await(store->update(original.id, 1, u"API key (prod)"_qs, std::nullopt));
        QVERIFY(renamed.ok());
        QCOMPARE(renamed.value().id, original.id); // the reference ID never changes
        QCOMPARE(renamed.value().name, u"API key (prod)"_qs);
        QCOMPARE(renamed.value().version, 2);
        QCOMPARE(renamed.value().createdAt, original.createdAt);
        QCOMPARE(changed.count(), 1);
        // Renaming onto another name (ignoring case) is refused; the old name is free again.
        QCOMPARE(await(store->update(original.id, 2, u"OTHER"_qs, std::nullopt)).error().code(),
                 Code::NameTaken);
        QVERIFY(await(store->create(u"api key"_qs, value("new"))).ok());

        const auto replaced = await(store->update(original.id, 2, std::nullopt, value("rotated")));
        QVERIFY(replaced.ok());
        QCOMPARE(replaced.value().name, u"API key (prod)"_qs);
        QCOMPARE(replaced.value().version, 3);
        QCOMPARE(await(store->update(QUuid::createUuid(), 1, u"x"_qs, std::nullopt)).error().code(),
                 Code::NotFound);
        store->lock();

        // The values themselves, checked through the engine (values are never read back).
        VaultEngine engine(file);
        QVERIFY(engine.unlock(password()).ok());
        QVERIFY(engine.matches(original.id, value("rotated")).value());
        QVERIFY(!engine.matches(original.id, value("value-api key")).value());
        const Secret other = engine.find(u"other"_qs).value();
        QVERIFY(engine.matches(other.id, value("value-other")).value());
        QVERIFY(engine.update(other.id, 1, u"other renamed"_qs, nullptr).ok());
        QVERIFY(engine.matches(other.id, value("value-other")).value()); // rename kept the value
    }

    void concurrentWritersSeeStaleVersion()
    {
        const QString file = path(u"concurrent.mintvault"_qs);
        auto first = makeVault(file, {u"shared"_qs});
        LocalVaultStore second(file);
        QVERIFY(await(second.unlock(password())).ok());
        const Secret seen = await(second.find(u"shared"_qs)).value();

        QVERIFY(
            await(first->update(seen.id, seen.version, u"shared (renamed)"_qs, std::nullopt)).ok());
        const auto stale = await(second.update(seen.id, seen.version, std::nullopt, value("mine")));
        QCOMPARE(stale.error().code(), Code::StaleVersion);
        QVERIFY(stale.error().message().contains(u"changed elsewhere"_qs));
        QCOMPARE(await(second.remove(seen.id, seen.version)).error().code(), Code::StaleVersion);

        // After reloading, the second writer goes on; both see each other's work.
        const Secret fresh = await(second.find(u"shared (renamed)"_qs)).value();
        QVERIFY(await(second.update(fresh.id, fresh.version, std::nullopt, value("mine"))).ok());
        QVERIFY(await(second.create(u"from second"_qs, value("x"))).ok());
        QVERIFY(await(first->create(u"from first"_qs, value("y"))).ok());
        QCOMPARE(await(first->list()).value().size(), 3);
        QCOMPARE(await(second.list()).value().size(), 3);
    }

    void removeEmitsAndForgets()
    {
        auto store = makeVault(path(u"remove.mintvault"_qs), {u"gone"_qs, u"stays"_qs});
        const Secret gone = await(store->find(u"gone"_qs)).value();
        QSignalSpy removed(store.get(), &SecretStore::secretRemoved);
        QVERIFY(await(store->remove(gone.id, gone.version)).ok());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().value<QUuid>(), gone.id);
        QCOMPARE(await(store->find(u"gone"_qs)).error().code(), Code::NotFound);
        QCOMPARE(await(store->remove(gone.id, gone.version)).error().code(), Code::NotFound);
        QVERIFY(await(store->create(u"gone"_qs, value("again"))).ok());
    }

    void changePasswordRewrapsOnlyTheKey()
    {
        const QString file = path(u"passwd.mintvault"_qs);
        auto store = makeVault(file, {u"a"_qs, u"b"_qs});
        const auto rows = [&] {
            QByteArray all;
            const QList<Secret> secrets = await(store->list()).value();
            for (const Secret& s : secrets)
                all += rawBlob(
                    file, u"SELECT name_sealed || value_sealed FROM secrets WHERE id = ?"_qs, s.id);
            return all;
        };
        const QByteArray before = rows();
        QCOMPARE(await(store->changePassword(password("wrong"), password("new password")))
                     .error()
                     .code(),
                 Code::WrongPassword);
        QVERIFY(await(store->changePassword(password(), password("new password"))).ok());
        QCOMPARE(rows(), before);
        store->lock();
        QCOMPARE(await(store->unlock(password())).error().code(), Code::WrongPassword);
        QVERIFY(await(store->unlock(password("new password"))).ok());
        QCOMPARE(await(store->list()).value().size(), 2);
    }

    void lockDropsAccess()
    {
        auto store = makeVault(path(u"lock.mintvault"_qs), {u"a"_qs});
        QSignalSpy opened(store.get(), &SecretStore::openChanged);
        store->lock();
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().toBool(), false);
        QVERIFY(!store->isOpen());
        QCOMPARE(await(store->list()).error().code(), Code::Locked);
        QCOMPARE(await(store->create(u"b"_qs, value("x"))).error().code(), Code::Locked);
    }

    // --- format 2: names bound to their times, blind index checked, verify() --------------------

    void timestampsAreAuthenticated_data()
    {
        QTest::addColumn<QString>("column");
        QTest::newRow("created_at") << u"created_at"_qs;
        QTest::newRow("updated_at") << u"updated_at"_qs;
    }
    void timestampsAreAuthenticated()
    {
        QFETCH(QString, column);
        const QString file = path(u"times-%1.mintvault"_qs.arg(column));
        auto store = makeVault(file, {u"moved"_qs, u"kept"_qs});
        const Secret moved = await(store->find(u"moved"_qs)).value();
        const Secret kept = await(store->find(u"kept"_qs)).value();
        store->lock();
        // A time moved one hour back, as if the secret were older than it is.
        rawSql(file, {u"UPDATE secrets SET %1 = %1 - 3600000 WHERE id = ?"_qs.arg(column)},
               {moved.id.toRfc4122()});

        QVERIFY(await(store->unlock(password())).ok());
        const QList<Secret> listed = await(store->list()).value();
        QCOMPARE(listed.size(), 2);
        for (const Secret& s : listed) {
            QCOMPARE(s.damaged, s.id == moved.id);
            if (s.id == kept.id)
                QCOMPARE(s, kept);
        }
        QCOMPARE(await(store->find(u"moved"_qs)).error().code(), Code::DamagedRecord);
        const VaultReport report = await(store->verify()).value();
        QCOMPARE(report.checked, 2);
        QCOMPARE(report.damaged.size(), 1);
        QCOMPARE(report.damaged.first().id, moved.id);
        QCOMPARE(report.damaged.first().problems, int(VaultReport::NameDamaged));
        // Repaired by a new name: the record is whole again, with the stored times.
        QVERIFY(await(store->update(moved.id, 1, u"moved back"_qs, std::nullopt)).ok());
        QVERIFY(await(store->verify()).value().ok());
        QVERIFY(!await(store->find(u"moved back"_qs)).value().damaged);
    }

    void tamperedNameIndexIsDamaged()
    {
        const QString file = path(u"index.mintvault"_qs);
        auto store = makeVault(file, {u"hidden"_qs, u"other"_qs});
        const Secret hidden = await(store->find(u"hidden"_qs)).value();
        store->lock();
        // Another (valid-looking) index: find() misses the secret, and its name is free again.
        rawSql(file, {u"UPDATE secrets SET name_index = randomblob(32) WHERE id = ?"_qs},
               {hidden.id.toRfc4122()});
        QVERIFY(await(store->unlock(password())).ok());
        QCOMPARE(await(store->find(u"hidden"_qs)).error().code(), Code::NotFound);
        const QList<Secret> listed = await(store->list()).value();
        QCOMPARE(listed.size(), 2);
        for (const Secret& s : listed) {
            QCOMPARE(s.damaged, s.id == hidden.id);
            QCOMPARE(s.name, s.damaged ? QString() : u"other"_qs);
        }
        VaultReport report = await(store->verify()).value();
        QCOMPARE(report.damaged.size(), 1);
        QCOMPARE(report.damaged.first().problems, int(VaultReport::IndexMismatch));
        QCOMPARE(report.damaged.first().name, u"hidden"_qs); // the name itself authenticates
        // A rename writes the right index again.
        QVERIFY(await(store->update(hidden.id, 1, u"hidden"_qs, std::nullopt)).ok());
        QCOMPARE(await(store->find(u"hidden"_qs)).value().id, hidden.id);
        QVERIFY(await(store->verify()).value().ok());
    }

    void verifyReportsEachDamagedRecord()
    {
        const QString file = path(u"verify.mintvault"_qs);
        auto store = makeVault(file, {u"good"_qs, u"bad value"_qs, u"bad name"_qs});
        VaultReport report = await(store->verify()).value();
        QVERIFY(report.ok());
        QCOMPARE(report.checked, 3);
        QVERIFY(report.structure.isEmpty());
        const QUuid badValue = await(store->find(u"bad value"_qs)).value().id;
        const QUuid badName = await(store->find(u"bad name"_qs)).value().id;
        store->lock();
        QCOMPARE(await(store->verify()).error().code(), Code::Locked);
        for (const auto& [id, column] :
             {std::pair(badValue, u"value_sealed"_qs), std::pair(badName, u"name_sealed"_qs)}) {
            QByteArray sealed =
                rawBlob(file, u"SELECT %1 FROM secrets WHERE id = ?"_qs.arg(column), id);
            sealed[sealed.size() - 1] = char(sealed[sealed.size() - 1] ^ 0x01);
            rawSql(file, {u"UPDATE secrets SET %1 = ? WHERE id = ?"_qs.arg(column)},
                   {sealed, id.toRfc4122()});
        }
        const QByteArray hash = fileHash(file);
        QVERIFY(await(store->unlock(password())).ok());
        // Listing sees only the name; verify() opens every value too.
        QCOMPARE(await(store->list()).value().size(), 3);
        report = await(store->verify()).value();
        QVERIFY(!report.ok());
        QCOMPARE(report.checked, 3);
        QCOMPARE(report.damaged.size(), 2);
        for (const VaultReport::Record& record : report.damaged) {
            if (record.id == badValue) {
                QCOMPARE(record.problems, int(VaultReport::ValueDamaged));
                QCOMPARE(record.name, u"bad value"_qs);
            } else {
                QCOMPARE(record.id, badName);
                QCOMPARE(record.problems, int(VaultReport::NameDamaged));
                QVERIFY(record.name.isEmpty());
            }
        }
        store->lock();
        {
            VaultEngine engine(file);
            QVERIFY(engine.unlock(password()).ok());
            QCOMPARE(engine.matches(badValue, value("value-bad value")).error().code(),
                     Code::DamagedRecord);
            QVERIFY(
                engine.matches(engine.find(u"good"_qs).value().id, value("value-good")).value());
        }
        QCOMPARE(fileHash(file), hash); // verify() only reads
    }

    void hostileKdfSettingsRefusedBeforeDeriving_data()
    {
        QTest::addColumn<QString>("assignments");
        QTest::newRow("scrypt p = 2^31") << u"kdf_p = 2147483648"_qs;
        QTest::newRow("scrypt p = 2^19") << u"kdf_p = 524288"_qs;
        QTest::newRow("scrypt N = 2^40") << u"kdf_n = 1099511627776"_qs;
        QTest::newRow("scrypt N = 2^20, r = 64") << u"kdf_n = 1048576, kdf_r = 64"_qs;
        QTest::newRow("scrypt r negative") << u"kdf_r = -8"_qs;
        QTest::newRow("argon2id t = 2^31") << u"kdf = 'argon2id', kdf_iterations = 2147483648"_qs;
        QTest::newRow("argon2id m = 2^31 KiB")
            << u"kdf = 'argon2id', kdf_memory_kib = 2147483648"_qs;
        QTest::newRow("argon2id lanes = 2^24") << u"kdf = 'argon2id', kdf_lanes = 16777216"_qs;
        QTest::newRow("salt of 1 MiB") << u"salt = zeroblob(1048576)"_qs;
    }
    void hostileKdfSettingsRefusedBeforeDeriving()
    {
        QFETCH(QString, assignments);
        const QString file =
            path(u"hostile-%1.mintvault"_qs.arg(QLatin1String(QTest::currentDataTag())));
        makeVault(file, {u"one"_qs});
        rawSql(file, {u"UPDATE vault SET "_qs + assignments});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QElapsedTimer timer;
        timer.start();
        const StoreError error = await(store.unlock(password())).error();
        QCOMPARE(error.code(), Code::Corrupted);
        QVERIFY2(timer.elapsed() < 2000, "the settings were not refused before deriving");
        QCOMPARE(fileHash(file), hash);
    }

    void unknownSchemaObjectsAreDamage_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("trigger") << u"CREATE TRIGGER keep AFTER DELETE ON secrets BEGIN "
                                    "SELECT 1; END"_qs;
        QTest::newRow("index") << u"CREATE INDEX by_time ON secrets (updated_at)"_qs;
        QTest::newRow("view") << u"CREATE VIEW everything AS SELECT * FROM secrets"_qs;
        QTest::newRow("table") << u"CREATE TABLE loot (blob BLOB)"_qs;
    }
    void unknownSchemaObjectsAreDamage()
    {
        QFETCH(QString, statement);
        const QString file =
            path(u"schema-%1.mintvault"_qs.arg(QLatin1String(QTest::currentDataTag())));
        makeVault(file, {u"one"_qs});
        rawSql(file, {statement});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QCOMPARE(await(store.unlock(password())).error().code(), Code::Corrupted);
        QCOMPARE(fileHash(file), hash);
    }

    // --- migration from format 1 (tests/data/vault-v1.mintvault) --------------------------------

    void migratesVersion1()
    {
        const QString file = v1Copy(u"v1-migrate.mintvault"_qs);
        QCOMPARE(userVersion(file), 1);
        const QString all = u"SELECT %1 FROM secrets ORDER BY rowid"_qs;
        const QVariantList namesBefore = rawColumn(file, all.arg(u"name_sealed"_qs));
        const QVariantList valuesBefore = rawColumn(file, all.arg(u"value_sealed"_qs));
        const QVariantList timesBefore =
            rawColumn(file, all.arg(u"created_at || '/' || updated_at || '/' || version"_qs));
        QCOMPARE(namesBefore.size(), 5);

        LocalVaultStore store(file);
        const auto unlocked = await(store.unlock(v1Password()));
        QVERIFY2(unlocked.ok(), qPrintable(unlocked.error().message()));
        QList<Secret> listed = await(store.list()).value();
        std::sort(listed.begin(), listed.end(),
                  [](const Secret& a, const Secret& b) { return a.name < b.name; });
        QStringList names;
        QList<qint64> versions;
        for (const Secret& s : listed) {
            QVERIFY(!s.damaged);
            names << s.name;
            versions << s.version;
        }
        QCOMPARE(names, QStringList({u"After rename"_qs, u"Alpha API key"_qs, u"Large value"_qs,
                                     u"Value replaced"_qs, u"Ærlig nøkkel 🔑"_qs}));
        QCOMPARE(versions, QList<qint64>({2, 1, 1, 2, 1}));
        QCOMPARE(listed.first().createdAt,
                 QDateTime::fromMSecsSinceEpoch(1795928257737, Qt::UTC)); // kept as it was
        QVERIFY(await(store.verify()).value().ok());
        store.lock();
        // lock() closes the file on the store's thread; a request queued behind it returns after
        // that (and after the checkpoint that closing makes), so the file is still from here on.
        QCOMPARE(await(store.list()).error().code(), Code::Locked);

        // One transaction re-sealed every name and set the version; values and times untouched.
        QCOMPARE(userVersion(file), VaultEngine::FormatVersion);
        const QVariantList namesAfter = rawColumn(file, all.arg(u"name_sealed"_qs));
        for (qsizetype i = 0; i < namesBefore.size(); ++i)
            QVERIFY(namesAfter[i] != namesBefore[i]);
        QCOMPARE(rawColumn(file, all.arg(u"value_sealed"_qs)), valuesBefore);
        QCOMPARE(rawColumn(file, all.arg(u"created_at || '/' || updated_at || '/' || version"_qs)),
                 timesBefore);

        // The values, through the engine; and the migrated file opens without another write.
        const QByteArray hash = fileHash(file);
        {
            VaultEngine engine(file);
            QVERIFY(engine.unlock(v1Password()).ok());
            const std::pair<const char*, QByteArray> expected[] = {
                {"Alpha API key", "alpha-value"},       {"Ærlig nøkkel 🔑", "unicode verdi æøå 🔑"},
                {"Value replaced", "new-value"},        {"After rename", "kept-value"},
                {"Large value", QByteArray(3000, 'L')},
            };
            for (const auto& [name, expectedValue] : expected) {
                const auto found = engine.find(QString::fromUtf8(name));
                QVERIFY2(found.ok(), name);
                QVERIFY2(engine.matches(found.value().id, value(expectedValue)).value(), name);
            }
        }
        QCOMPARE(fileHash(file), hash);
        QVERIFY(await(store.unlock(v1Password())).ok());
        const Secret alpha = await(store.find(u"alpha api key"_qs)).value();
        QVERIFY(await(store.update(alpha.id, 1, u"Alpha"_qs, value("rotated"))).ok());
        QCOMPARE(await(store.list()).value().size(), 5);
    }

    void migrationNeedsTheRightPassword()
    {
        const QString file = v1Copy(u"v1-wrong.mintvault"_qs);
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QCOMPARE(await(store.unlock(password("not the password"))).error().code(),
                 Code::WrongPassword);
        QCOMPARE(fileHash(file), hash);
        QCOMPARE(userVersion(file), 1);
    }

    void migrationOfReadOnlyFileWritesNothing()
    {
#ifdef Q_OS_UNIX
        if (::geteuid() == 0)
            QSKIP("root writes to read-only files; migrationFailingAtCommit covers a failed write");
#endif
        const QString file = v1Copy(u"v1-readonly.mintvault"_qs);
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner));
        const QByteArray before = TestSupport::readAll(file);
        LocalVaultStore store(file);
        const StoreError error = await(store.unlock(v1Password())).error();
        QCOMPARE(error.code(), Code::Io);
        QVERIFY2(error.message().contains(u"older version"_qs), qPrintable(error.message()));
        QVERIFY(!store.isOpen());
        // (A read-only connection leaves SQLite's empty -wal and -shm files behind.)
        QCOMPARE(TestSupport::readAll(file), before);
        QCOMPARE(userVersion(file), 1);
    }

    // The migration fails at its very end (COMMIT cannot take the write lock while another
    // connection reads, in rollback-journal mode): everything it did is rolled back.
    void migrationFailingAtCommitWritesNothing()
    {
        const QString file = v1Copy(u"v1-commit.mintvault"_qs);
        rawSql(file, {u"PRAGMA journal_mode = DELETE"_qs});
        const QByteArray hash = fileHash(file);
        {
            QSqlDatabase reader = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"reader"_qs);
            reader.setDatabaseName(file);
            QVERIFY(reader.open());
            QVERIFY(reader.transaction());
            QSqlQuery read(u"SELECT count(*) FROM secrets"_qs, reader);
            QVERIFY(read.next());

            VaultEngine engine(file);
            const StoreResult<Done> unlocked = engine.unlock(v1Password());
            QCOMPARE(unlocked.error().code(), Code::Io);
            QVERIFY2(unlocked.error().message().contains(u"older version"_qs),
                     qPrintable(unlocked.error().message()));
            QVERIFY(!engine.isUnlocked());
            read.finish();
            QVERIFY(reader.rollback());
        }
        QSqlDatabase::removeDatabase(u"reader"_qs);
        QCOMPARE(fileHash(file), hash);
        QCOMPARE(userVersion(file), 1);
        // Nothing is left half done: the next unlock migrates.
        VaultEngine engine(file);
        QVERIFY(engine.unlock(v1Password()).ok());
        QCOMPARE(engine.list().value().size(), 5);
        QVERIFY(engine.verify().value().ok());
    }

    // A format-2 file whose version number says 1: its names do not open as format 1 ones.
    void versionNumberLoweredIsDamage()
    {
        const QString file = path(u"lowered.mintvault"_qs);
        makeVault(file, {u"one"_qs, u"two"_qs});
        rawSql(file, {u"PRAGMA user_version = 1"_qs});
        const QByteArray hash = fileHash(file);
        LocalVaultStore store(file);
        QCOMPARE(await(store.unlock(password())).error().code(), Code::Corrupted);
        QCOMPARE(fileHash(file), hash);
    }

    void fileIsPrivate()
    {
#ifndef Q_OS_UNIX
        QSKIP("POSIX permissions");
#endif
        const QString file = path(u"private.mintvault"_qs);
        auto store = makeVault(file, {u"a"_qs});
        const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser
                               | QFile::WriteUser; // QFile reports the owner bits twice on Unix
        QCOMPARE(QFile::permissions(file), ownerOnly);
        QVERIFY(QFileInfo::exists(file + u"-wal"_qs)); // open in WAL mode
        QCOMPARE(QFile::permissions(file + u"-wal"_qs), ownerOnly);
    }

    void fileHoldsNothingTyped()
    {
        const QString file = path(u"clear.mintvault"_qs);
        const QByteArray name = "name-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        const QByteArray secretValue = "value-" + Random::bytes(12).toHex();
        {
            auto store = makeVault(file);
            QVERIFY(await(store->create(QString::fromUtf8(name), value(secretValue))).ok());
            // Look while the WAL still holds the write, then after the checkpoint on close.
            QByteArray all = TestSupport::readAll(file) + TestSupport::readAll(file + u"-wal"_qs);
            QVERIFY(!all.contains(name) && !all.contains(secretValue));
            QVERIFY(!all.contains(Password));
        }
        const QByteArray all = TestSupport::readAll(file);
        QVERIFY(!all.isEmpty());
        QVERIFY(!all.contains(name) && !all.contains(secretValue) && !all.contains(Password));
    }
};

QTEST_GUILESS_MAIN(TestLocalVaultStore)
#include "tst_localvaultstore.moc"
