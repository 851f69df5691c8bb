// Wiping, proven on the memory itself (DESIGN §3 rule 1).
//
// This executable replaces the global operator new and delete (sized and unsized, single and
// array) and OpenSSL's allocator (CRYPTO_set_mem_functions, before OpenSSL allocates anything).
// Every block freed through them is inspected at the moment it is freed, before it goes back to
// malloc: the test watches a given block and copies its last contents, and it searches every
// freed block for the secrets it was told about, and it keeps a masked copy of the start of
// the last 2048 freed blocks for secrets that only become known afterwards (a new key pair).
// Nothing reads memory after it was freed, so the test holds under AddressSanitizer. The secure
// heap is not set up here, so every SecretValue lives on the ordinary heap, where the wipe is
// SecretValue's own job.
//
// Then it searches the whole writable memory of the process (MemoryScan, through /proc/self/mem)
// for the keys of a vault after it was locked: no copy may be left anywhere.
#include "MemoryScan.h"
#include "SecretValue.h"
#include "VaultKeys.h"
#include "crypto/Aead.h"
#include "crypto/Kdf.h"
#include "crypto/Random.h"
#include "crypto/Seal.h"
#include "crypto/SecureMemory.h"
#include "vault/VaultEngine.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/crypto.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

using namespace Qt::StringLiterals;

// --- the observer of freed memory -----------------------------------------------------------
namespace {

// Everything here is constant-initialised, so it works for allocations made before main().
class SpinLock final {
public:
    void lock()
    {
        while (m_flag.test_and_set(std::memory_order_acquire)) {
        }
    }
    void unlock() { m_flag.clear(std::memory_order_release); }

private:
    std::atomic_flag m_flag = ATOMIC_FLAG_INIT;
};

constexpr std::size_t Header = 16; // keeps the max_align_t alignment malloc gave
constexpr std::size_t SnapshotMax = 4096;
constexpr int NeedleMax = 8;

SpinLock g_lock;
const void* g_watched = nullptr;
bool g_watchedFreed = false;
std::size_t g_snapshotSize = 0;
unsigned char g_snapshot[SnapshotMax];
const MemoryScan::Needle* g_needles[NeedleMax] = {};
int g_needleCount = 0;
int g_hits = 0; // freed blocks that still held a needle
// The first bytes of the most recently freed blocks, XOR-masked (so the copies never show up in
// a search of memory): for secrets that only become known after they were freed.
constexpr std::size_t RecentSlots = 2048;
constexpr std::size_t RecentBytes = 256;
unsigned char g_recent[RecentSlots][RecentBytes];
std::size_t g_recentSize[RecentSlots] = {};
std::size_t g_recentNext = 0;
bool g_osslHooked = false;

void inspect(const void* p, std::size_t size)
{
    const auto* bytes = static_cast<const unsigned char*>(p);
    g_lock.lock();
    if (p == g_watched) {
        g_watchedFreed = true;
        g_snapshotSize = std::min(size, SnapshotMax);
        std::memcpy(g_snapshot, bytes, g_snapshotSize);
    }
    for (int i = 0; i < g_needleCount; ++i) {
        if (g_needles[i]->in(bytes, size)) {
            ++g_hits;
            break;
        }
    }
    const std::size_t slot = g_recentNext++ % RecentSlots;
    g_recentSize[slot] = std::min(size, RecentBytes);
    for (std::size_t i = 0; i < g_recentSize[slot]; ++i)
        g_recent[slot][i] = bytes[i] ^ MemoryScan::Mask;
    g_lock.unlock();
}

void* hookedAllocate(std::size_t size) noexcept
{
    auto* base = static_cast<unsigned char*>(std::malloc(size + Header));
    if (!base)
        return nullptr;
    std::memcpy(base, &size, sizeof size);
    return base + Header;
}

void hookedFree(void* p) noexcept
{
    if (!p)
        return;
    auto* base = static_cast<unsigned char*>(p) - Header;
    std::size_t size = 0;
    std::memcpy(&size, base, sizeof size);
    inspect(p, size);
    std::free(base);
}

std::size_t hookedSize(const void* p)
{
    std::size_t size = 0;
    std::memcpy(&size, static_cast<const unsigned char*>(p) - Header, sizeof size);
    return size;
}

void* throwingAllocate(std::size_t size)
{
    if (void* p = hookedAllocate(size))
        return p;
    throw std::bad_alloc();
}

// OpenSSL's allocator. A realloc is a new block, a copy and a free, so the old block is
// inspected too.
void* osslMalloc(std::size_t size, const char*, int)
{
    return hookedAllocate(size);
}

void* osslRealloc(void* p, std::size_t size, const char*, int)
{
    if (!p)
        return hookedAllocate(size);
    if (size == 0) {
        hookedFree(p);
        return nullptr;
    }
    void* moved = hookedAllocate(size);
    if (moved) {
        std::memcpy(moved, p, std::min(size, hookedSize(p)));
        hookedFree(p);
    }
    return moved;
}

void osslFree(void* p, const char*, int)
{
    hookedFree(p);
}

// Before OpenSSL allocates anything: before main(), and before every ordinary static initialiser
// (a sanitizer build starts OpenSSL in one: models/crypto/OpenSslNoAtExit.cpp).
[[gnu::constructor(101)]] void hookOpenSsl()
{
    g_osslHooked = CRYPTO_set_mem_functions(osslMalloc, osslRealloc, osslFree) == 1;
}

// The observer as the tests use it.
struct Observer {
    // Searches every freed block for needles while in scope.
    class Search final {
    public:
        explicit Search(std::initializer_list<const MemoryScan::Needle*> needles)
        {
            g_lock.lock();
            g_needleCount = 0;
            g_hits = 0;
            for (const MemoryScan::Needle* needle : needles) {
                if (g_needleCount < NeedleMax && !needle->isEmpty())
                    g_needles[g_needleCount++] = needle;
            }
            g_lock.unlock();
        }
        ~Search()
        {
            g_lock.lock();
            g_needleCount = 0;
            g_lock.unlock();
        }
        Search(const Search&) = delete;
        Search& operator=(const Search&) = delete;

        [[nodiscard]] int hits() const
        {
            g_lock.lock();
            const int hits = g_hits;
            g_lock.unlock();
            return hits;
        }
    };

    // Copies the block at p when it is freed.
    static void watch(const void* p)
    {
        g_lock.lock();
        g_watched = p;
        g_watchedFreed = false;
        g_snapshotSize = 0;
        g_lock.unlock();
    }
    // The watched block's last contents, or NotFreed while it was not freed.
    static QByteArray freedBlock()
    {
        g_lock.lock();
        const bool freed = g_watchedFreed;
        const std::size_t size = g_snapshotSize;
        g_watched = nullptr;
        g_lock.unlock();
        return freed ? QByteArray(reinterpret_cast<const char*>(g_snapshot), qsizetype(size))
                     : NotFreed;
    }
    static inline const QByteArray NotFreed = "(not freed)"_ba;

    // Whether one of the last RecentSlots freed blocks held needle in its first RecentBytes.
    static bool recentlyFreed(const MemoryScan::Needle& needle)
    {
        unsigned char block[RecentBytes];
        bool found = false;
        g_lock.lock();
        for (std::size_t slot = 0; slot < RecentSlots && !found; ++slot) {
            for (std::size_t i = 0; i < g_recentSize[slot]; ++i)
                block[i] = g_recent[slot][i] ^ MemoryScan::Mask;
            found = needle.in(block, g_recentSize[slot]);
        }
        g_lock.unlock();
        OPENSSL_cleanse(block, sizeof block);
        return found;
    }
};

// Distinct, recognisable test secrets (not real ones: they may appear in a failure message).
QByteArray canary(char tag, qsizetype size = 48)
{
    QByteArray bytes = "memory-hygiene-canary-"_ba + tag + '-';
    while (bytes.size() < size)
        bytes += char('a' + bytes.size() % 26);
    bytes.truncate(size);
    return bytes;
}

QByteArray zeros(qsizetype size)
{
    return QByteArray(size, '\0');
}

} // namespace

// Replaceable global allocation functions ([new.delete]): sized and unsized, single and array,
// throwing and nothrow. The aligned forms keep the library's own pair (they never reach these).
void* operator new(std::size_t size)
{
    return throwingAllocate(size);
}
void* operator new[](std::size_t size)
{
    return throwingAllocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    return hookedAllocate(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
    return hookedAllocate(size);
}
void operator delete(void* p) noexcept
{
    hookedFree(p);
}
void operator delete[](void* p) noexcept
{
    hookedFree(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    hookedFree(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    hookedFree(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    hookedFree(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    hookedFree(p);
}

// --- the tests ------------------------------------------------------------------------------

class TestMemoryHygiene : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void observerSeesUnwipedBlocks();
    void destructionWipes();
    void moveConstructionLeavesNothingBehind();
    void moveAssignmentWipesReplacedBytes();
    void clearWipes();
    void truncateWipesTail();
    void fromTextAndCloneWipe();
    void kdfOutputsAreWiped();
    void aeadKeyScheduleIsWiped();
    void sealKeysAreWiped();
    void sealKeyGenerationLeavesNoCopy();
    void vaultKeysLeaveNoCopyAfterLock();
};

void TestMemoryHygiene::initTestCase()
{
    QVERIFY2(g_osslHooked, "CRYPTO_set_mem_functions came too late: OpenSSL had allocated");
    QCOMPARE(SecureMemory::status(), SecureMemory::Status::Off); // all on the ordinary heap
}

// The control: a block freed without a wipe is caught, through new/delete and through OpenSSL.
void TestMemoryHygiene::observerSeesUnwipedBlocks()
{
    const QByteArray secret = canary('C');
    const MemoryScan::Needle needle(secret);
    const Observer::Search search({&needle});

    char* raw = new char[64];
    std::memcpy(raw, secret.constData(), size_t(secret.size()));
    Observer::watch(raw);
    delete[] raw;
    QCOMPARE(Observer::freedBlock().left(secret.size()), secret);
    QCOMPARE(search.hits(), 1);

    void* block = OPENSSL_malloc(64);
    std::memcpy(block, secret.constData(), size_t(secret.size()));
    OPENSSL_free(block);
    QCOMPARE(search.hits(), 2);

    void* wiped = OPENSSL_malloc(64);
    std::memcpy(wiped, secret.constData(), size_t(secret.size()));
    OPENSSL_clear_free(wiped, 64);
    QCOMPARE(search.hits(), 2);
}

void TestMemoryHygiene::destructionWipes()
{
    const QByteArray secret = canary('D');
    const MemoryScan::Needle needle(secret);
    const Observer::Search search({&needle});
    {
        const SecretValue value(secret);
        QVERIFY(!value.isLocked());
        Observer::watch(value.data());
    }
    QCOMPARE(Observer::freedBlock(), zeros(secret.size()));
    QCOMPARE(search.hits(), 0);
}

void TestMemoryHygiene::moveConstructionLeavesNothingBehind()
{
    const QByteArray secret = canary('M');
    const MemoryScan::Needle needle(secret);
    const Observer::Search search({&needle});
    SecretValue source(secret);
    const char* block = source.data();
    Observer::watch(block);
    {
        const SecretValue target(std::move(source));
        QVERIFY(target.data() == block);   // the block moved, so nothing was copied
        QVERIFY(source.data() == nullptr); // NOLINT(bugprone-use-after-move): the contract
        QCOMPARE(source.size(), 0);
        QVERIFY(source.isEmpty());
        source.clear(); // frees nothing: the moved-from value holds nothing
        QCOMPARE(Observer::freedBlock(), Observer::NotFreed);
        Observer::watch(block);
    }
    QCOMPARE(Observer::freedBlock(), zeros(secret.size()));
    QCOMPARE(search.hits(), 0);
}

void TestMemoryHygiene::moveAssignmentWipesReplacedBytes()
{
    const QByteArray oldSecret = canary('O');
    const QByteArray newSecret = canary('N', 40);
    const MemoryScan::Needle oldNeedle(oldSecret);
    const MemoryScan::Needle newNeedle(newSecret);
    const Observer::Search search({&oldNeedle, &newNeedle});

    SecretValue target(oldSecret);
    SecretValue source(newSecret);
    Observer::watch(target.data());
    target = std::move(source);
    QCOMPARE(Observer::freedBlock(), zeros(oldSecret.size()));
    QVERIFY(source.data() == nullptr); // NOLINT(bugprone-use-after-move)
    QCOMPARE(target.view().toByteArray(), newSecret);

    Observer::watch(target.data());
    target = SecretValue();
    QCOMPARE(Observer::freedBlock(), zeros(newSecret.size()));
    QCOMPARE(search.hits(), 0);
}

void TestMemoryHygiene::clearWipes()
{
    const QByteArray secret = canary('L');
    const MemoryScan::Needle needle(secret);
    const Observer::Search search({&needle});
    SecretValue value(secret);
    Observer::watch(value.data());
    value.clear();
    QCOMPARE(Observer::freedBlock(), zeros(secret.size()));
    QVERIFY(value.data() == nullptr);
    QCOMPARE(search.hits(), 0);
}

void TestMemoryHygiene::truncateWipesTail()
{
    const QByteArray secret = canary('T', 64);
    const MemoryScan::Needle tail(QByteArrayView(secret).sliced(16));
    const Observer::Search search({&tail});
    SecretValue value(secret);
    const char* block = value.data();
    value.truncate(16);
    QCOMPARE(value.view().toByteArray(), secret.left(16));
    // The block is still allocated (64 bytes), so reading its tail is in bounds.
    QCOMPARE(QByteArray(block + 16, 48), zeros(48));

    Observer::watch(block);
    value.truncate(0);
    QCOMPARE(Observer::freedBlock(), zeros(64)); // the whole block, not 16 bytes
    QCOMPARE(search.hits(), 0);
}

// fromText's UTF-8 buffer is Qt's (malloc, not observed here), but the value and a clone are.
void TestMemoryHygiene::fromTextAndCloneWipe()
{
    const QByteArray secret = canary('X');
    const MemoryScan::Needle needle(secret);
    const Observer::Search search({&needle});
    {
        const SecretValue value = SecretValue::fromText(QString::fromLatin1(secret));
        const SecretValue copy = value.clone();
        QCOMPARE(copy.view().toByteArray(), secret);
    }
    QCOMPARE(search.hits(), 0);
}

// scrypt and HKDF outputs (key-encryption key, sub-keys): derived once to learn them, then
// derived again while every freed block is searched for them, and dropped.
void TestMemoryHygiene::kdfOutputsAreWiped()
{
    const SecretValue password(canary('P'));
    KdfParams params;
    params.n = quint64(1) << 10;
    params.salt = Random::bytes(Kdf::SaltSize);
    const std::optional<SecretValue> first = Kdf::derive(password, params);
    QVERIFY(first);
    const MemoryScan::Needle kek(*first);
    const MemoryScan::Needle sub(Kdf::hkdf(*first, "memory-hygiene"));
    const Observer::Search search({&kek, &sub});
    {
        const std::optional<SecretValue> again = Kdf::derive(password, params);
        QVERIFY(again && again->equals(*first));
        Observer::watch(again->data());
        const SecretValue subKey = Kdf::hkdf(*again, "memory-hygiene");
        QVERIFY(sub.in(subKey.bytes(), size_t(subKey.size())));
        QCOMPARE(Kdf::hmacSha256(subKey, "name").size(), 32);
    }
    QCOMPARE(Observer::freedBlock(), zeros(32));
    QCOMPARE(search.hits(), 0);
    QVERIFY(MemoryScan::find(sub).isEmpty()); // only *first is left
    QCOMPARE(MemoryScan::find(kek).size(), 1);
}

// AES-256's key schedule starts with the key itself: OpenSSL's cipher context holds a copy
// while the Aead lives, and must wipe it when the Aead goes.
void TestMemoryHygiene::aeadKeyScheduleIsWiped()
{
    std::optional<MemoryScan::Needle> needle;
    {
        const SecretValue key = Random::secret(Aead::KeySize);
        needle.emplace(key);
        const Observer::Search search({&*needle});
        {
            Aead aead(key);
            const QByteArray sealed = aead.seal("plain", "ad");
            QVERIFY(aead.open(sealed, "ad"));
            // The SecretValue and OpenSSL's key schedule.
            QVERIFY(MemoryScan::find(*needle).size() >= 2);
        }
        QCOMPARE(search.hits(), 0);
        QCOMPARE(MemoryScan::find(*needle).size(), 1); // the SecretValue alone
    }
    QVERIFY(MemoryScan::find(*needle).isEmpty());
}

// Seal: the ephemeral private key, the shared secret and the derived key are all SecretValues
// or OpenSSL key objects; after sealing and opening nothing of the server's private key or of
// a known shared secret is left.
void TestMemoryHygiene::sealKeysAreWiped()
{
    std::optional<MemoryScan::Needle> privateNeedle;
    std::optional<MemoryScan::Needle> sharedNeedle;
    {
        const Seal::KeyPair server = Seal::generateKeyPair();
        const Seal::KeyPair peer = Seal::generateKeyPair();
        privateNeedle.emplace(server.privateKey);
        const std::optional<SecretValue> shared = Seal::x25519(server.privateKey, peer.publicKey);
        QVERIFY(shared);
        sharedNeedle.emplace(*shared);
        const Observer::Search search({&*privateNeedle, &*sharedNeedle});
        const SecretValue value(canary('S'));
        const std::optional<QByteArray> sealed =
            Seal::seal(value, server.publicKey, u"k1"_s, u"create"_s);
        QVERIFY(sealed);
        QVERIFY(Seal::open(*sealed, server.privateKey, u"k1"_s, u"create"_s));
        QVERIFY(Seal::x25519(server.privateKey, peer.publicKey));
        QCOMPARE(search.hits(), 0);
    }
    QVERIFY(MemoryScan::find(*privateNeedle).isEmpty());
    QVERIFY(MemoryScan::find(*sharedNeedle).isEmpty());
}

// A new key pair's private key is known only once generateKeyPair() returns, so this looks in
// the blocks freed just before (OpenSSL 3.0 frees the parameter block of a private-key export
// without wiping it; generateKeyPair() must not export).
void TestMemoryHygiene::sealKeyGenerationLeavesNoCopy()
{
    for (int i = 0; i < 20; ++i) {
        const Seal::KeyPair pair = Seal::generateKeyPair();
        QCOMPARE(pair.privateKey.size(), Seal::KeySize);
        QCOMPARE(Seal::publicKeyOf(pair.privateKey), pair.publicKey);
        QVERIFY(!Observer::recentlyFreed(MemoryScan::Needle(pair.privateKey)));
    }
}

// The vault engine: its key-encryption key and data key are gone once unlock() returns, and
// lock() drops the sealing and index keys (and OpenSSL's copies) without leaving a copy in any
// freed block or anywhere else in memory.
void TestMemoryHygiene::vaultKeysLeaveNoCopyAfterLock()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"hygiene.mintvault"_s);
    const SecretValue password(canary('V', 24));
    KdfParams params;
    params.n = quint64(1) << 14;
    params.salt = Random::bytes(Kdf::SaltSize);
    {
        VaultEngine engine(path);
        QVERIFY(engine.create(password, params).ok());
        QVERIFY(engine.add(u"first"_s, SecretValue(canary('1'))).ok());
    }
    const VaultKeys keys = VaultKeys::read(path, password);
    QVERIFY(keys.isValid());
    {
        const Observer::Search search(
            {&keys.keyEncryptionKey, &keys.dataKey, &keys.sealKey, &keys.indexKey});
        VaultEngine engine(path);
        QVERIFY(engine.unlock(password).ok());
        // Transient keys are gone as soon as unlock() returns.
        QVERIFY(MemoryScan::find(keys.keyEncryptionKey).isEmpty());
        QVERIFY(MemoryScan::find(keys.dataKey).isEmpty());
        // The needles are right: the working keys are found while unlocked.
        QVERIFY(!MemoryScan::find(keys.sealKey).isEmpty());
        QVERIFY(!MemoryScan::find(keys.indexKey).isEmpty());

        const StoreResult<Secret> added = engine.add(u"second"_s, SecretValue(canary('2')));
        QVERIFY(added.ok());
        QCOMPARE(engine.list().value().size(), 2);
        QVERIFY(engine.find(u"first"_s).ok());
        QVERIFY(engine.matches(added.value().id, SecretValue(canary('2'))).value());
        engine.lock();
        QVERIFY(!engine.isUnlocked());
        QCOMPARE(search.hits(), 0);
        for (const MemoryScan::Needle* needle :
             {&keys.keyEncryptionKey, &keys.dataKey, &keys.sealKey, &keys.indexKey})
            QCOMPARE(MemoryScan::find(*needle).size(), 0);
    }
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    TestMemoryHygiene test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_memoryhygiene.moc"
