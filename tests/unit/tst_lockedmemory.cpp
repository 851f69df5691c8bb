// Key material lives in locked memory: this executable sets up the
// secure heap first thing, as both programs do, then checks with the kernel's own account
// (/proc/self/smaps: the mapping's VmFlags "lo" = locked, "dd" = left out of core dumps) where
// every copy of a key is, found by searching the process's memory (MemoryScan).
#include "MemoryScan.h"
#include "SecretValue.h"
#include "VaultKeys.h"
#include "crypto/Random.h"
#include "crypto/Seal.h"
#include "crypto/SecureMemory.h"
#include "remote/TokenSource.h"
#include "vault/VaultEngine.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/crypto.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace {
SecureMemory::Status g_status = SecureMemory::Status::Off;

QString describe(const MemoryScan::Mapping& mapping)
{
    return u"%1-%2 %3 flags: %4"_s.arg(mapping.start, 0, 16)
        .arg(mapping.end, 0, 16)
        .arg(QString::fromLatin1(mapping.permissions),
             QString::fromLatin1(mapping.flags.join(' ')));
}
} // namespace

class TestLockedMemory : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void shortSecretsAreLocked();
    void valuesUseTheOrdinaryHeap();
    void keysKeepPriorityWhenTheHeapFills();
    void vaultKeysAreLocked();
    void sealPrivateKeyIsLocked();
    void clientSecretIsLockedWhileSignedIn();
};

void TestLockedMemory::initTestCase()
{
    QCOMPARE(SecureMemory::initialize(), g_status); // a second call changes nothing
    if (g_status != SecureMemory::Status::Locked)
        QSKIP("this machine refused to lock 64 KiB (RLIMIT_MEMLOCK): nothing to check here");
}

void TestLockedMemory::shortSecretsAreLocked()
{
    const SecretValue key = Random::secret(32);
    QVERIFY(key.isLocked());
    QVERIFY(CRYPTO_secure_allocated(key.data()));
    const MemoryScan::Mapping mapping = MemoryScan::mappingOf(key.data());
    QVERIFY2(mapping.isLocked(), qPrintable(describe(mapping)));
    QVERIFY2(mapping.isLeftOutOfDumps(), qPrintable(describe(mapping)));
    // OpenSSL locks the arena with MLOCK_ONFAULT: every page in RAM is locked, none swapped out.
    QVERIFY(mapping.rssKiB > 0);
    QCOMPARE(mapping.lockedKiB, mapping.rssKiB);

    const SecretValue password = SecretValue::fromText(u"a password of some length"_s);
    QVERIFY(password.isLocked());
    QVERIFY(password.clone().isLocked());
    const SecretValue longest(qsizetype(SecureMemory::ShortSecretMax));
    QVERIFY(longest.isLocked());
}

void TestLockedMemory::valuesUseTheOrdinaryHeap()
{
    const SecretValue value(qsizetype(SecureMemory::ShortSecretMax + 1));
    QVERIFY(!value.isLocked());
    QVERIFY(!CRYPTO_secure_allocated(value.data()));
    QVERIFY(!MemoryScan::mappingOf(value.data()).isLocked());
    const SecretValue big(qsizetype(64 * 1024));
    QVERIFY(!big.isLocked());
    // Key material of any size may use the secure heap.
    QVERIFY(SecretValue::key(SecureMemory::ShortSecretMax + 1).isLocked());
}

// A bulk operation full of short values takes at most half the heap; keys still find room.
void TestLockedMemory::keysKeepPriorityWhenTheHeapFills()
{
    std::vector<SecretValue> values;
    for (int i = 0; i < 4096 && (values.empty() || values.back().isLocked()); ++i)
        values.emplace_back(qsizetype(64));
    QVERIFY(!values.back().isLocked()); // the values' half is full: the rest are not locked
    QVERIFY(values.size() > 100);
    QVERIFY(!SecretValue(qsizetype(32)).isLocked());
    const SecretValue key = SecretValue::key(32);
    QVERIFY(key.isLocked());
    QVERIFY(values.front().isLocked());
    values.clear();
    QVERIFY(SecretValue(qsizetype(32)).isLocked());
}

// After unlocking: every copy of the sealing and index keys is locked, except what OpenSSL keeps
// in its own contexts while the vault is open (the AES key schedule of the sealing cipher, whose
// first 32 bytes are the key, and the keyed HMAC context of the blind index): not ours to lock.
// The key-encryption and data keys are gone. After lock(): nothing is left anywhere.
void TestLockedMemory::vaultKeysAreLocked()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"locked.mintvault"_s);
    const SecretValue password = SecretValue::fromText(u"locked memory test"_s);
    KdfParams params;
    params.n = quint64(1) << 14;
    params.salt = Random::bytes(Kdf::SaltSize);
    {
        VaultEngine engine(path);
        QVERIFY(engine.create(password, params).ok());
    }
    const VaultKeys keys = VaultKeys::read(path, password);
    QVERIFY(keys.isValid());

    VaultEngine engine(path);
    QVERIFY(engine.unlock(password).ok());
    QVERIFY(engine.add(u"name"_s, SecretValue(QByteArrayView("value"))).ok());
    QCOMPARE(engine.list().value().size(), 1);

    const QList<MemoryScan::Occurrence> index = MemoryScan::find(keys.indexKey);
    QCOMPARE(MemoryScan::countLocked(index, true), 1);
    QVERIFY2(MemoryScan::countLocked(index, false) <= 1, "more than OpenSSL's HMAC context");
    const QList<MemoryScan::Occurrence> seal = MemoryScan::find(keys.sealKey);
    QCOMPARE(MemoryScan::countLocked(seal, true), 1);
    QVERIFY2(MemoryScan::countLocked(seal, false) <= 1, "more than OpenSSL's key schedule");
    for (const MemoryScan::Occurrence& o : seal) {
        if (o.locked)
            QVERIFY(CRYPTO_secure_allocated(reinterpret_cast<const void*>(o.address)));
    }
    QVERIFY(MemoryScan::find(keys.keyEncryptionKey).isEmpty());
    QVERIFY(MemoryScan::find(keys.dataKey).isEmpty());

    engine.lock();
    QVERIFY(MemoryScan::find(keys.indexKey).isEmpty());
    QVERIFY(MemoryScan::find(keys.sealKey).isEmpty());
}

void TestLockedMemory::sealPrivateKeyIsLocked()
{
    std::optional<MemoryScan::Needle> needle;
    {
        const Seal::KeyPair pair = Seal::generateKeyPair();
        QVERIFY(pair.privateKey.isLocked());
        needle.emplace(pair.privateKey);
        const QList<MemoryScan::Occurrence> copies = MemoryScan::find(*needle);
        QCOMPARE(copies.size(), 1);
        QVERIFY(copies.front().locked);
        QVERIFY(Seal::x25519(pair.privateKey, Seal::generateKeyPair().publicKey)->isLocked());
        // Not even in the dead stack frames OpenSSL's X25519 code left behind.
        QCOMPARE(MemoryScan::find(*needle).size(), 1);
    }
    QVERIFY(MemoryScan::find(*needle).isEmpty());
}

// While signed in the client secret lives in the TokenSource (RemoteApiStore → ApiClient).
void TestLockedMemory::clientSecretIsLockedWhileSignedIn()
{
    const QByteArray random = Random::bytes(24).toHex(); // 48 characters, as a real one
    const MemoryScan::Needle needle(random);
    {
        TokenSource source(nullptr, QUrl(u"https://config.example.com/token"_s), u"ci-bot"_s,
                           SecretValue(random));
        const QList<MemoryScan::Occurrence> copies = MemoryScan::find(needle);
        // Ours, and the test's own QByteArray (which made it).
        QCOMPARE(MemoryScan::countLocked(copies, true), 1);
        QCOMPARE(MemoryScan::countLocked(copies, false), 1);
    }
    QCOMPARE(MemoryScan::countLocked(MemoryScan::find(needle), true), 0);
}

int main(int argc, char* argv[])
{
    g_status = SecureMemory::initialize(); // first thing, as in both programs
    QCoreApplication app(argc, argv);
    TestLockedMemory test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_lockedmemory.moc"
