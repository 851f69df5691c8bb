#include "crypto/Kdf.h"

#include <QElapsedTimer>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace {
KdfParams scrypt(quint64 n, quint32 r, quint32 p, const QByteArray& salt)
{
    KdfParams params;
    params.algorithm = KdfParams::Algorithm::Scrypt;
    params.n = n;
    params.r = r;
    params.p = p;
    params.salt = salt;
    return params;
}

QByteArray hexOf(const std::optional<SecretValue>& value)
{
    return value ? value->view().toByteArray().toHex() : QByteArray("<nullopt>");
}

bool isPowerOfTwo(quint64 n)
{
    return n != 0 && (n & (n - 1)) == 0;
}
} // namespace

class TestKdf : public QObject {
    Q_OBJECT

private slots:
    void scryptKnownAnswer_data();
    void scryptKnownAnswer();
    void scryptDependsOnEveryInput();
    void scryptRejectsInvalidParameters();
    void ceiling_data();
    void ceiling();
    void argon2idMatchesOpenSsl();
    void defaults();
    void meetsFloor_data();
    void meetsFloor();
    void calibrate();
    void hkdfKnownAnswer();
    void hkdfProperties();
    void hmacKnownAnswer_data();
    void hmacKnownAnswer();
};

// RFC 7914 section 12.
void TestKdf::scryptKnownAnswer_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("#1 empty") << QByteArray() << QByteArray() << quint64(16) << 1u << 1u
                              << QByteArray("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdf"
                                            "fa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0"
                                            "fb2e0d3628cf35e20c38d18906");
    QTest::newRow("#2 password/NaCl")
        << QByteArray("password") << QByteArray("NaCl") << quint64(1024) << 8u << 16u
        << QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e"
                      "22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
    QTest::newRow("#3 pleaseletmein/SodiumChloride")
        << QByteArray("pleaseletmein") << QByteArray("SodiumChloride") << quint64(16384) << 8u << 1u
        << QByteArray("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d543295561"
                      "3f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887");
}

void TestKdf::scryptKnownAnswer()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    QFETCH(QByteArray, expected);

    const auto key = Kdf::derive(SecretValue(password), scrypt(n, r, p, salt), 64);
    QCOMPARE(hexOf(key), expected);
    // A shorter key is the prefix of the longer one (PBKDF2 output).
    QCOMPARE(hexOf(Kdf::derive(SecretValue(password), scrypt(n, r, p, salt), 32)),
             expected.left(64));
}

void TestKdf::scryptDependsOnEveryInput()
{
    const SecretValue password(QByteArrayView("correct horse"));
    const KdfParams base = scrypt(1024, 8, 1, QByteArray(16, 's'));
    const QByteArray reference = hexOf(Kdf::derive(password, base));
    QCOMPARE(reference.size(), 64); // 32 bytes, hex
    QCOMPARE(hexOf(Kdf::derive(password, base)), reference);

    KdfParams changed = base;
    changed.salt[0] = 't';
    QVERIFY(hexOf(Kdf::derive(password, changed)) != reference);
    changed = base;
    changed.n = 2048;
    QVERIFY(hexOf(Kdf::derive(password, changed)) != reference);
    changed = base;
    changed.r = 4;
    QVERIFY(hexOf(Kdf::derive(password, changed)) != reference);
    changed = base;
    changed.p = 2;
    QVERIFY(hexOf(Kdf::derive(password, changed)) != reference);
    QVERIFY(hexOf(Kdf::derive(SecretValue(QByteArrayView("correct horsf")), base)) != reference);
}

void TestKdf::scryptRejectsInvalidParameters()
{
    const SecretValue password(QByteArrayView("pw"));
    const QByteArray salt(16, 's');
    QVERIFY(!Kdf::derive(password, scrypt(1000, 8, 1, salt))); // not a power of two
    QVERIFY(!Kdf::derive(password, scrypt(0, 8, 1, salt)));
    QVERIFY(!Kdf::derive(password, scrypt(1024, 0, 1, salt)));
    QVERIFY(!Kdf::derive(password, scrypt(1024, 8, 0, salt)));
    QVERIFY(!Kdf::derive(password, scrypt(1024, 8, 1, salt), 0));
    // A hostile header asking for far more memory than the ceiling is refused, not attempted.
    QVERIFY(!Kdf::derive(password, scrypt(quint64(1) << 40, 8, 1, salt)));
}

void TestKdf::ceiling_data()
{
    QTest::addColumn<KdfParams>("params");
    QTest::addColumn<bool>("accepted");
    const QByteArray salt(16, 's');
    KdfParams argon2;
    argon2.algorithm = KdfParams::Algorithm::Argon2id;
    argon2.salt = salt;
    const auto argon2With = [&argon2](quint32 memoryKiB, quint32 iterations, quint32 lanes) {
        KdfParams params = argon2;
        params.memoryKiB = memoryKiB;
        params.iterations = iterations;
        params.lanes = lanes;
        return params;
    };
    QTest::newRow("scrypt default") << scrypt(quint64(1) << 17, 8, 1, salt) << true;
    QTest::newRow("scrypt calibrate's largest") << scrypt(quint64(1) << 19, 8, 1, salt) << true;
    QTest::newRow("scrypt RFC 7914 #2") << scrypt(1024, 8, 16, salt) << true;
    QTest::newRow("scrypt work 2^25") << scrypt(quint64(1) << 20, 8, 4, salt) << true;
    // Within OpenSSL's memory limit, but about 100 s of work: refused before it starts.
    QTest::newRow("scrypt p = 1024") << scrypt(quint64(1) << 17, 8, 1024, salt) << false;
    QTest::newRow("scrypt p = 2^31") << scrypt(2, 1, 1u << 31, salt) << false;
    QTest::newRow("scrypt r = 2^20") << scrypt(2, 1u << 20, 1, salt) << false;
    QTest::newRow("scrypt work 2^26") << scrypt(quint64(1) << 20, 8, 8, salt) << false;
    QTest::newRow("scrypt N = 2^63") << scrypt(quint64(1) << 63, 1, 1, salt) << false;
    QTest::newRow("argon2id default") << argon2With(64 * 1024, 3, 4) << true;
    QTest::newRow("argon2id 1 GiB x 16") << argon2With(1024 * 1024, 16, 4) << true;
    QTest::newRow("argon2id 2 GiB") << argon2With(2048 * 1024, 3, 4) << false;
    QTest::newRow("argon2id 1 GiB x 17") << argon2With(1024 * 1024, 17, 4) << false;
    QTest::newRow("argon2id 2^32-1 iterations") << argon2With(64 * 1024, ~0u, 4) << false;
    QTest::newRow("argon2id 2^24 lanes") << argon2With(64 * 1024, 3, 1u << 24) << false;
    QTest::newRow("argon2id no lanes") << argon2With(64 * 1024, 3, 0) << false;
}

// Parameters read from a vault file are untrusted: derive() refuses any that would run for
// minutes or allocate gigabytes, before OpenSSL starts.
void TestKdf::ceiling()
{
    QFETCH(KdfParams, params);
    QFETCH(bool, accepted);
    QCOMPARE(Kdf::withinCeiling(params), accepted);
    if (!accepted)
        QVERIFY(!Kdf::derive(SecretValue(QByteArrayView("pw")), params));
}

void TestKdf::argon2idMatchesOpenSsl()
{
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "ARGON2ID", nullptr);
    const bool linkedHasArgon2 = kdf != nullptr;
    EVP_KDF_free(kdf);
    QCOMPARE(Kdf::argon2idAvailable(), linkedHasArgon2);

    KdfParams params;
    params.algorithm = KdfParams::Algorithm::Argon2id;
    params.memoryKiB = 1024;
    params.iterations = 1;
    params.lanes = 1;
    params.salt = QByteArray(16, 's');
    const SecretValue password(QByteArrayView("pw"));
    const auto key = Kdf::derive(password, params);
    QCOMPARE(key.has_value(), linkedHasArgon2);
    if (key) {
        QCOMPARE(key->size(), 32);
        QCOMPARE(hexOf(Kdf::derive(password, params)), hexOf(key));
    }
}

void TestKdf::defaults()
{
    const KdfParams a = Kdf::defaults();
    const KdfParams b = Kdf::defaults();
    QCOMPARE(a.salt.size(), Kdf::SaltSize);
    QVERIFY(a.salt != b.salt);
    QVERIFY(Kdf::meetsFloor(a));
    if (Kdf::argon2idAvailable()) {
        QCOMPARE(a.algorithm, KdfParams::Algorithm::Argon2id);
        QCOMPARE(a.memoryKiB, 64u * 1024);
        QCOMPARE(a.iterations, 3u);
        QCOMPARE(a.lanes, 4u);
    } else {
        QCOMPARE(a.algorithm, KdfParams::Algorithm::Scrypt);
        QCOMPARE(a.n, quint64(1) << 17);
        QCOMPARE(a.r, 8u);
        QCOMPARE(a.p, 1u);
    }
}

void TestKdf::meetsFloor_data()
{
    QTest::addColumn<KdfParams>("params");
    QTest::addColumn<bool>("meets");
    const QByteArray salt(16, 's');
    QTest::newRow("scrypt 2^17/8/1") << scrypt(quint64(1) << 17, 8, 1, salt) << true;
    QTest::newRow("scrypt 2^18/8/1") << scrypt(quint64(1) << 18, 8, 1, salt) << true;
    QTest::newRow("scrypt 2^16/8/1") << scrypt(quint64(1) << 16, 8, 1, salt) << false;
    QTest::newRow("scrypt 2^10/8/1") << scrypt(1024, 8, 1, salt) << false;
    QTest::newRow("scrypt 2^17/4/1") << scrypt(quint64(1) << 17, 4, 1, salt) << false;
    QTest::newRow("scrypt 2^17/8/0") << scrypt(quint64(1) << 17, 8, 0, salt) << false;

    auto argon = [&](quint32 memoryKiB, quint32 iterations) {
        KdfParams params;
        params.algorithm = KdfParams::Algorithm::Argon2id;
        params.memoryKiB = memoryKiB;
        params.iterations = iterations;
        params.salt = salt;
        return params;
    };
    QTest::newRow("argon2id 64MiB t3") << argon(64 * 1024, 3) << true;
    QTest::newRow("argon2id 128MiB t4") << argon(128 * 1024, 4) << true;
    QTest::newRow("argon2id 32MiB t3") << argon(32 * 1024, 3) << false;
    QTest::newRow("argon2id 64MiB t2") << argon(64 * 1024, 2) << false;
}

void TestKdf::meetsFloor()
{
    QFETCH(KdfParams, params);
    QFETCH(bool, meets);
    QCOMPARE(Kdf::meetsFloor(params), meets);
}

void TestKdf::calibrate()
{
    const KdfParams params = Kdf::calibrate(25);
    QCOMPARE(params.algorithm, KdfParams::Algorithm::Scrypt);
    QVERIFY(isPowerOfTwo(params.n));
    QVERIFY(params.n >= 1024);
    QVERIFY(params.n <= (quint64(1) << 19));
    QCOMPARE(params.r, 8u);
    QCOMPARE(params.p, 1u);
    QCOMPARE(params.salt.size(), Kdf::SaltSize);
    QVERIFY(params.salt != Kdf::calibrate(0).salt);

    // The chosen N derives in about the target; allow a wide margin for a busy machine.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(Kdf::derive(SecretValue(QByteArrayView("pw")), params));
    QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));

    // No target is met by anything: the minimum.
    QCOMPARE(Kdf::calibrate(0).n, quint64(1024));
    QCOMPARE(Kdf::calibrate(-5).n, quint64(1024));
}

// RFC 5869 test case 3: zero-length salt and info.
void TestKdf::hkdfKnownAnswer()
{
    const SecretValue ikm(QByteArray(22, '\x0b'));
    const SecretValue okm = Kdf::hkdf(ikm, {}, 42);
    QCOMPARE(okm.view().toByteArray().toHex(),
             QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395"
                        "faa4b61a96c8"));
}

void TestKdf::hkdfProperties()
{
    const SecretValue ikm(QByteArray(32, '\x17'));
    const SecretValue a = Kdf::hkdf(ikm, "blind-index");
    const SecretValue b = Kdf::hkdf(ikm, "blind-index");
    const SecretValue c = Kdf::hkdf(ikm, "other");
    QCOMPARE(a.size(), 32);
    QVERIFY(a.equals(b));
    QVERIFY(!a.equals(c));
    // Expand output of a shorter length is a prefix of a longer one.
    const SecretValue longer = Kdf::hkdf(ikm, "blind-index", 80);
    QCOMPARE(longer.view().first(32).toByteArray(), a.view().toByteArray());
    QVERIFY(Kdf::hkdf(ikm, "x", 0).isEmpty());
    QVERIFY(Kdf::hkdf(ikm, "x", 255 * 32 + 1).isEmpty());
    QCOMPARE(Kdf::hkdf(ikm, "x", 255 * 32).size(), 255 * 32);
}

// RFC 4231 test cases 1 and 2.
void TestKdf::hmacKnownAnswer_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("case 1") << QByteArray(20, '\x0b') << QByteArray("Hi There")
                            << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c"
                                          "2e32cff7");
    QTest::newRow("case 2") << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
                            << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b9"
                                          "64ec3843");
}

void TestKdf::hmacKnownAnswer()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expected);
    QCOMPARE(Kdf::hmacSha256(SecretValue(key), data).toHex(), expected);
    // Empty key and empty data are valid HMAC inputs too.
    QCOMPARE(Kdf::hmacSha256(SecretValue(), {}).size(), 32);
    QVERIFY(Kdf::hmacSha256(SecretValue(key), data + 'x').toHex() != expected);
}

QTEST_GUILESS_MAIN(TestKdf)
#include "tst_kdf.moc"
