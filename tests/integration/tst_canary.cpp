// The canary (DESIGN §3 rule 2): secrets with a unique random value and a unique name go through
// the CLI and through LocalVaultStore in-process; then the vault file, its -wal and -shm, the
// settings file and every captured stdout/stderr are searched for the value, the name and the
// password, raw and in hex, base64 and UTF-16 forms. Names are sealed too: 0 hits for any.

#include "Settings.h"
#include "TestSupport.h"
#include "crypto/Random.h"
#include "vault/LocalVaultStore.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using TestSupport::await;

namespace {

struct Canary {
    QString label;
    QByteArray bytes;
};

QByteArray uniqueToken()
{
    return QUuid::createUuid().toString(QUuid::Id128).toLatin1();
}

// Every form in which a leak could plausibly be written.
QList<QByteArray> forms(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QByteArray utf16(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
    return {bytes,
            bytes.toHex(),
            bytes.toHex().toUpper(),
            bytes.toBase64(),
            bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
            bytes.toPercentEncoding(),
            utf16};
}

} // namespace

class TestCanary final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QList<Canary> m_canaries;
    QByteArray m_captured; // stdout and stderr of every CLI run

    Canary& addCanary(const QString& label, const QByteArray& bytes)
    {
        m_canaries.append({label, bytes});
        return m_canaries.last();
    }

    int cli(const QString& vault, const QStringList& arguments, const QByteArray& input)
    {
        QProcess process;
#ifdef Q_OS_UNIX
        process.setChildProcessModifier([] { ::setsid(); });
#endif
        process.start(QStringLiteral(MINT_CLI_PATH), QStringList{QStringLiteral("--vault"), vault,
                                                                 QStringLiteral("--password-stdin")}
                                                         + arguments);
        if (!process.waitForStarted(10'000))
            qFatal("mint-config-cli did not start");
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60'000))
            qFatal("mint-config-cli did not finish");
        m_captured += process.readAllStandardOutput();
        const QByteArray errors = process.readAllStandardError();
        m_captured += errors;
        if (process.exitStatus() == QProcess::CrashExit)
            qWarning("mint-config-cli %s crashed (signal %d): %s", qPrintable(arguments.first()),
                     process.exitCode(), errors.constData());
        return process.exitStatus() == QProcess::CrashExit ? -1 : process.exitCode();
    }

    // Counts every form of every canary in haystack; reports each hit.
    int hits(const QString& where, const QByteArray& haystack, bool report = true) const
    {
        int count = 0;
        for (const Canary& canary : m_canaries) {
            for (const QByteArray& form : forms(canary.bytes)) {
                if (haystack.contains(form)) {
                    ++count;
                    if (report)
                        qWarning("canary %s found in %s", qPrintable(canary.label),
                                 qPrintable(where));
                }
            }
        }
        return count;
    }

    int fileHits(const QString& path) const
    {
        int count = 0;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            const QString file = path + QLatin1String(suffix);
            if (QFile::exists(file))
                count += hits(file, TestSupport::readAll(file));
        }
        return count;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void throughTheCli()
    {
        const QString vault = m_dir.filePath(QStringLiteral("cli.mintvault"));
        const QByteArray password = "canary-password-" + uniqueToken();
        const QByteArray name = "canary-" + uniqueToken();
        const QByteArray renamed = "canary-" + uniqueToken();
        const QByteArray value = "canary-value-" + uniqueToken() + Random::bytes(16).toHex();
        const QByteArray value2 = "canary-value-" + uniqueToken() + Random::bytes(16).toHex();
        const QByteArray newPassword = "canary-password-" + uniqueToken();
        for (const auto& [label, bytes] :
             {std::pair{"cli password", password}, std::pair{"cli name", name},
              std::pair{"cli renamed", renamed}, std::pair{"cli value", value},
              std::pair{"cli value 2", value2}, std::pair{"cli new password", newPassword}})
            addCanary(QString::fromLatin1(label), bytes);

        QCOMPARE(cli(vault,
                     {QStringLiteral("init"), QStringLiteral("--kdf-time-ms"), QStringLiteral("5"),
                      QStringLiteral("--allow-weak-kdf")},
                     password + '\n'),
                 0);
        const QString nameArg = QString::fromLatin1(name);
        QCOMPARE(cli(vault, {QStringLiteral("add"), nameArg}, password + '\n' + value + '\n'), 0);
        // Errors must not echo what was typed either.
        QCOMPARE(cli(vault, {QStringLiteral("add"), nameArg}, password + '\n' + value), 3);
        QCOMPARE(cli(vault, {QStringLiteral("add"), nameArg}, "wrong\n" + value), 2);
        QCOMPARE(cli(vault, {QStringLiteral("set-value"), QString::fromLatin1(renamed)},
                     password + '\n' + value2),
                 3);
        QCOMPARE(cli(vault, {QStringLiteral("set-value"), nameArg}, password + '\n' + value2), 0);
        QCOMPARE(cli(vault, {QStringLiteral("rename"), nameArg, QString::fromLatin1(renamed)},
                     password + '\n'),
                 0);
        QCOMPARE(
            cli(vault, {QStringLiteral("add"), QStringLiteral("plain")}, password + '\n' + value),
            0);
        QCOMPARE(cli(vault, {QStringLiteral("passwd")}, password + '\n' + newPassword + '\n'), 0);
        QCOMPARE(cli(vault, {QStringLiteral("list"), QStringLiteral("--json")}, "wrong\n"), 2);

        QVERIFY(QFile::exists(vault));
        QCOMPARE(fileHits(vault), 0);
        QCOMPARE(hits(QStringLiteral("CLI stdout/stderr"), m_captured), 0);
    }

    void inProcess()
    {
        const QString vaultPath = m_dir.filePath(QStringLiteral("store.mintvault"));
        const QString settingsPath = m_dir.filePath(QStringLiteral("settings.ini"));
        const QByteArray password = "canary-password-" + uniqueToken();
        const QByteArray name = "canary-" + uniqueToken();
        const QByteArray value = "canary-value-" + uniqueToken() + Random::bytes(16).toHex();
        const QByteArray value2 = "canary-value-" + uniqueToken() + Random::bytes(16).toHex();
        addCanary(QStringLiteral("store password"), password);
        addCanary(QStringLiteral("store name"), name);
        addCanary(QStringLiteral("store value"), value);
        addCanary(QStringLiteral("store value 2"), value2);

        {
            Settings settings(settingsPath);
            settings.setLastVaultPath(vaultPath);
            settings.setAutoLockMinutes(5);
            LocalVaultStore store(vaultPath);
            QVERIFY(
                await(store.initialize(SecretValue(password), TestSupport::fastKdf(), true)).ok());
            const StoreResult<Secret> created =
                await(store.create(QString::fromLatin1(name), SecretValue(value)));
            QVERIFY(created.ok());
            QVERIFY(await(store.create(QStringLiteral("other"), SecretValue(value2))).ok());
            const StoreResult<Secret> updated = await(store.update(
                created.value().id, created.value().version, std::nullopt, SecretValue(value2)));
            QVERIFY(updated.ok());
            QVERIFY(await(store.list()).ok());
            settings.sync();

            // While the store is open: the WAL holds the latest writes.
            QCOMPARE(fileHits(vaultPath), 0);
            QCOMPARE(hits(settingsPath, TestSupport::readAll(settingsPath)), 0);
            store.lock();
        }
        // After closing (checkpointed into the main file).
        QCOMPARE(fileHits(vaultPath), 0);
        QCOMPARE(hits(settingsPath, TestSupport::readAll(settingsPath)), 0);

        // Reopen and read everything back: still nothing in clear.
        {
            LocalVaultStore store(vaultPath);
            QVERIFY(await(store.unlock(SecretValue(password))).ok());
            const StoreResult<QList<Secret>> listed = await(store.list());
            QVERIFY(listed.ok());
            QCOMPARE(listed.value().size(), 2);
        }
        QCOMPARE(fileHits(vaultPath), 0);
    }

    // The search itself works: a planted canary is found.
    void searchFindsAPlantedCanary()
    {
        const QByteArray token = "canary-" + uniqueToken();
        addCanary(QStringLiteral("planted"), token);
        QVERIFY(hits({}, "xx" + token + "yy", false) > 0);
        QVERIFY(hits({}, "xx" + token.toHex() + "yy", false) > 0);
        QVERIFY(hits({}, "xx" + token.toBase64() + "yy", false) > 0);
        QCOMPARE(hits({}, "xx" + token.left(20) + "yy", false), 0);
        m_canaries.removeLast();
    }
};

QTEST_GUILESS_MAIN(TestCanary)
#include "tst_canary.moc"
