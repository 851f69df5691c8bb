#include "SecretValue.h"
#include "keychain/CredentialStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFuture>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUuid>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Status = CredentialResult::Status;

// Talks to the real Secret Service. scripts/test runs it inside dbus-run-session with an unlocked
// gnome-keyring and MINT_REQUIRE_KEYCHAIN=1, so there a missing keychain is a failure; elsewhere
// the keychain tests skip. The Unavailable path runs in child processes of this binary whose
// session bus is broken on purpose (see childMain), so it is deterministic and cannot hang.

namespace {

const QString kService = u"mint-config-tests"_s;
const QByteArray kCanary = QByteArrayLiteral("canary-\x01\x00-do-not-leak-7f3a9c");
constexpr auto kChildArgument = "--credentialstore-child";

QByteArray bytesOf(const SecretValue& value)
{
    return value.view().toByteArray();
}

CredentialResult await(const QFuture<CredentialResult>& future)
{
    // Bounded well above the store's own timeout, so a broken store fails instead of hanging.
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 30'000))
        qFatal("a CredentialStore future never finished");
    return future.result();
}

bool keychainRequired()
{
    return qEnvironmentVariableIntValue("MINT_REQUIRE_KEYCHAIN") == 1;
}

// Child mode: one write of the canary with the given timeout; prints "<status>\n<message>".
int childMain(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const auto timeout = std::chrono::milliseconds(QByteArray(argv[2]).toInt());
    CredentialStore store(kService);
    store.setTimeout(timeout);
    const CredentialResult result = await(store.write(
        QUuid::createUuid().toString(QUuid::WithoutBraces), SecretValue(QByteArrayView(kCanary))));
    QTextStream out(stdout);
    out << static_cast<int>(result.status) << '\n' << result.message << '\n';
    out.flush();
    // The broken bus may leave a D-Bus worker waiting; do not wait for it at exit.
    std::fflush(stdout);
    std::_Exit(0);
}

} // namespace

class TestCredentialStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void defaults();
    void writeThenReadBinary();
    void overwrite();
    void readMissingIsNotFound();
    void removeThenNotFound();
    void unreachableBusIsUnavailable();
    void silentBusTimesOut();

private:
    QString newKey();
    struct ChildOutcome {
        int status = -1;
        QString message;
        QByteArray rawOutput;
    };
    ChildOutcome runChild(const QString& busAddress, std::chrono::milliseconds timeout);

    CredentialStore m_store{kService};
    QStringList m_keys; // written by the current test, removed in cleanup()
};

QString TestCredentialStore::newKey()
{
    const QString key = u"test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_keys << key;
    return key;
}

void TestCredentialStore::initTestCase()
{
    m_store.setTimeout(5s);
    const bool required = keychainRequired();
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        if (required)
            QFAIL("MINT_REQUIRE_KEYCHAIN=1 but DBUS_SESSION_BUS_ADDRESS is not set; run the tests "
                  "through scripts/test (dbus-run-session + gnome-keyring)");
        QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is empty), so no Secret Service; "
              "set MINT_REQUIRE_KEYCHAIN=1 under scripts/test to require it");
    }
    // Probe with a real write: a reachable but locked keyring still answers reads (NotFound) and
    // only fails when asked to store.
    const QString probeKey = newKey();
    const CredentialResult probe =
        await(m_store.write(probeKey, SecretValue(QByteArrayView("probe"))));
    cleanup();
    if (probe.status != Status::Ok) {
        const QByteArray why = "The Secret Service (org.freedesktop.secrets) cannot store secrets: "
                               + probe.message.toUtf8();
        if (required)
            QFAIL(("MINT_REQUIRE_KEYCHAIN=1: " + why).constData());
        QSKIP(why.constData());
    }
}

void TestCredentialStore::cleanup()
{
    for (const QString& key : std::as_const(m_keys))
        await(m_store.remove(key));
    m_keys.clear();
}

void TestCredentialStore::defaults()
{
    CredentialStore store;
    QCOMPARE(store.service(), u"mint-config"_s);
    QCOMPARE(store.timeout(), 5000ms);
    store.setTimeout(250ms);
    QCOMPARE(store.timeout(), 250ms);
}

void TestCredentialStore::writeThenReadBinary()
{
    const QString key = newKey();
    QByteArray binary(256, Qt::Uninitialized);
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = static_cast<char>(i); // every byte value, starting with NUL
    binary += QByteArrayLiteral("\0\0tail\0");

    const CredentialResult written = await(m_store.write(key, SecretValue(QByteArrayView(binary))));
    QCOMPARE(written.status, Status::Ok);
    QVERIFY(written.message.isEmpty());
    QVERIFY(!written.value);

    const CredentialResult readBack = await(m_store.read(key));
    QCOMPARE(readBack.status, Status::Ok);
    QVERIFY(readBack.value);
    QCOMPARE(readBack.value->size(), binary.size());
    QCOMPARE(bytesOf(*readBack.value), binary);

    // The result is copyable (it travels in QFuture) and copies share, not duplicate, the secret.
    const CredentialResult copy = readBack;
    QCOMPARE(copy.value.get(), readBack.value.get());
}

void TestCredentialStore::overwrite()
{
    const QString key = newKey();
    QCOMPARE(await(m_store.write(key, SecretValue::fromText(u"first value"))).status, Status::Ok);
    QCOMPARE(await(m_store.write(key, SecretValue::fromText(u"second, longer value æøå"))).status,
             Status::Ok);
    const CredentialResult readBack = await(m_store.read(key));
    QCOMPARE(readBack.status, Status::Ok);
    QVERIFY(readBack.value);
    QCOMPARE(bytesOf(*readBack.value), u"second, longer value æøå"_s.toUtf8());
}

void TestCredentialStore::readMissingIsNotFound()
{
    const CredentialResult result = await(m_store.read(newKey()));
    QCOMPARE(result.status, Status::NotFound);
    QVERIFY(!result.value);
}

void TestCredentialStore::removeThenNotFound()
{
    const QString key = newKey();
    QCOMPARE(await(m_store.write(key, SecretValue(QByteArrayView(kCanary)))).status, Status::Ok);
    QCOMPARE(await(m_store.read(key)).status, Status::Ok);
    QCOMPARE(await(m_store.remove(key)).status, Status::Ok);
    const CredentialResult after = await(m_store.read(key));
    QCOMPARE(after.status, Status::NotFound);
    QVERIFY(!after.value);
    // Removing what is not there is not an error that makes the keychain "unavailable".
    QVERIFY(await(m_store.remove(key)).status != Status::Unavailable);
}

TestCredentialStore::ChildOutcome TestCredentialStore::runChild(const QString& busAddress,
                                                                std::chrono::milliseconds timeout)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, busAddress);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kChildArgument), QString::number(timeout.count())});
    ChildOutcome outcome;
    if (!child.waitForFinished(20'000)) {
        child.kill();
        child.waitForFinished(5'000);
        return outcome;
    }
    outcome.rawOutput = child.readAll();
    const QStringList lines = QString::fromUtf8(outcome.rawOutput).split(u'\n');
    if (child.exitStatus() == QProcess::NormalExit && lines.size() >= 2) {
        outcome.status = lines.at(0).toInt();
        outcome.message = lines.at(1);
    }
    return outcome;
}

void TestCredentialStore::unreachableBusIsUnavailable()
{
    // A bus socket that does not exist: QtKeychain reports an error quickly.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ChildOutcome outcome =
        runChild(u"unix:path="_s + dir.filePath(u"no-such-bus"_s), std::chrono::seconds(10));
    QCOMPARE(outcome.status, static_cast<int>(Status::Unavailable));
    QVERIFY2(outcome.message.startsWith(u"The system keychain is not available: "_s),
             qPrintable(outcome.message));
    QVERIFY(outcome.message.endsWith(
        u"; nothing can be remembered, so you will be asked each time."_s));
    QVERIFY(!outcome.rawOutput.contains(kCanary));
    QVERIFY(!outcome.rawOutput.contains("canary"));
}

void TestCredentialStore::silentBusTimesOut()
{
    // A bus socket that accepts connections but never answers: only the timeout can end the job.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QLocalServer silent;
    QVERIFY(silent.listen(dir.filePath(u"silent-bus"_s)));
    const auto started = std::chrono::steady_clock::now();
    const ChildOutcome outcome =
        runChild(u"unix:path="_s + silent.fullServerName(), std::chrono::milliseconds(300));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    QCOMPARE(outcome.status, static_cast<int>(Status::Unavailable));
    QVERIFY2(outcome.message.contains(u"did not answer in time"_s), qPrintable(outcome.message));
    QVERIFY(!outcome.rawOutput.contains("canary"));
    QVERIFY(elapsed < 15s);
}

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], kChildArgument) == 0)
        return childMain(argc, argv);
    QCoreApplication app(argc, argv);
    TestCredentialStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"
