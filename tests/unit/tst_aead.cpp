#include "crypto/Aead.h"

#include <QSet>
#include <QTest>

namespace {
SecretValue keyFromHex(const char* hex)
{
    return SecretValue(QByteArray::fromHex(hex));
}

QByteArray viewBytes(const SecretValue& value)
{
    return value.view().toByteArray();
}

const char* const KeyF = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const char* const Plain64 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const char* const Plain60 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const char* const Ad20 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
} // namespace

class TestAead : public QObject {
    Q_OBJECT

private slots:
    void knownAnswer_data();
    void knownAnswer();
    void contextReusedAcrossNonceLengths();
    void truncatedTag();
    void sealOpenRoundTrip_data();
    void sealOpenRoundTrip();
    void emptyPlaintext();
    void noncesAreUnique();
    void everyFlippedByteFails();
    void wrongAssociatedDataFails();
    void truncatedOrExtendedInputFails();
    void wrongKeyFails();
    void wrongKeySizeFailsCleanly();
    void invalidArguments();
};

// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13-18 (AES-256).
void TestAead::knownAnswer_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("ad");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");

    const QByteArray zeroKey(32, '\0');
    const QByteArray zeroIv(12, '\0');
    const QByteArray keyF = QByteArray::fromHex(KeyF);
    const QByteArray ad = QByteArray::fromHex(Ad20);
    const QByteArray ct60Iv96 =
        QByteArray::fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                            "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662");

    QTest::newRow("case 13: empty plaintext, no AD")
        << zeroKey << zeroIv << QByteArray() << QByteArray() << QByteArray()
        << QByteArray::fromHex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::newRow("case 14: one zero block")
        << zeroKey << zeroIv << QByteArray(16, '\0') << QByteArray()
        << QByteArray::fromHex("cea7403d4d606b6e074ec5d3baf39d18")
        << QByteArray::fromHex("d0d1c8a799996bf0265b98b5d48ab919");
    QTest::newRow("case 15: four blocks, no AD")
        << keyF << QByteArray::fromHex("cafebabefacedbaddecaf888") << QByteArray::fromHex(Plain64)
        << QByteArray()
        << QByteArray::fromHex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                               "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad")
        << QByteArray::fromHex("b094dac5d93471bdec1a502270e3cc6c");
    QTest::newRow("case 16: 60 bytes with AD")
        << keyF << QByteArray::fromHex("cafebabefacedbaddecaf888") << QByteArray::fromHex(Plain60)
        << ad << ct60Iv96 << QByteArray::fromHex("76fc6ece0f4e1768cddf8853bb2d551b");
    QTest::newRow("case 17: 64-bit IV")
        << keyF << QByteArray::fromHex("cafebabefacedbad") << QByteArray::fromHex(Plain60) << ad
        << QByteArray::fromHex("c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
                               "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f")
        << QByteArray::fromHex("3a337dbf46a792c45e454913fe2ea8f2");
    QTest::newRow("case 18: 480-bit IV")
        << keyF
        << QByteArray::fromHex("9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
                               "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b")
        << QByteArray::fromHex(Plain60) << ad
        << QByteArray::fromHex("5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
                               "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f")
        << QByteArray::fromHex("a44a8266ee1c8eb0c8b5d4cf5ae9f19a");
}

void TestAead::knownAnswer()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, ad);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);

    Aead aead{SecretValue(key)};
    QCOMPARE(aead.encrypt(iv, plaintext, ad).toHex(), (ciphertext + tag).toHex());

    const auto opened = aead.decrypt(iv, ciphertext + tag, ad);
    QVERIFY(opened.has_value());
    QCOMPARE(viewBytes(*opened), plaintext);

    QByteArray badTag = ciphertext + tag;
    badTag[badTag.size() - 1] = char(badTag.back() ^ 0x01);
    QVERIFY(!aead.decrypt(iv, badTag, ad).has_value());
}

// One instance switches direction and nonce length between calls without losing its key.
void TestAead::contextReusedAcrossNonceLengths()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray plain = QByteArray::fromHex(Plain60);
    const QByteArray ad = QByteArray::fromHex(Ad20);
    const QByteArray iv64 = QByteArray::fromHex("cafebabefacedbad");
    const QByteArray iv96 = QByteArray::fromHex("cafebabefacedbaddecaf888");

    for (int round = 0; round < 3; ++round) {
        const QByteArray a = aead.encrypt(iv64, plain, ad);
        QCOMPARE(a.right(16).toHex(), QByteArrayLiteral("3a337dbf46a792c45e454913fe2ea8f2"));
        const QByteArray b = aead.encrypt(iv96, plain, ad);
        QCOMPARE(b.right(16).toHex(), QByteArrayLiteral("76fc6ece0f4e1768cddf8853bb2d551b"));
        const auto openedA = aead.decrypt(iv64, a, ad);
        QVERIFY(openedA && viewBytes(*openedA) == plain);
        QVERIFY(!aead.decrypt(iv96, a, ad)); // the nonce is part of the authentication
        const auto openedB = aead.decrypt(iv96, b, ad);
        QVERIFY(openedB && viewBytes(*openedB) == plain);
        const QByteArray sealed = aead.seal(plain, ad);
        const auto opened = aead.open(sealed, ad);
        QVERIFY(opened && viewBytes(*opened) == plain);
    }
}

// A truncated GCM tag is the leading bytes of the full tag (SP 800-38D).
void TestAead::truncatedTag()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray iv = QByteArray::fromHex("cafebabefacedbaddecaf888");
    const QByteArray plain = QByteArray::fromHex(Plain64);
    const QByteArray full = aead.encrypt(iv, plain, {});
    const QByteArray shortTag = aead.encrypt(iv, plain, {}, 12);
    QCOMPARE(shortTag.size(), plain.size() + 12);
    QCOMPARE(shortTag, full.left(plain.size() + 12));
    const auto opened = aead.decrypt(iv, shortTag, {}, 12);
    QVERIFY(opened && viewBytes(*opened) == plain);
    QVERIFY(!aead.decrypt(iv, shortTag, {}, 16));
}

void TestAead::sealOpenRoundTrip_data()
{
    QTest::addColumn<int>("size");
    for (int size : {1, 15, 16, 17, 100, 4096, 64 * 1024})
        QTest::addRow("%d bytes", size) << size;
}

void TestAead::sealOpenRoundTrip()
{
    QFETCH(int, size);
    Aead aead{keyFromHex(KeyF)};
    QByteArray plain(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        plain[i] = char(i * 31 + 7);
    const QByteArray ad = "vault:1|record:2|field:value|version:3";

    const QByteArray sealed = aead.seal(plain, ad);
    QCOMPARE(sealed.size(), size + Aead::Overhead);
    if (size >= 8) // shorter runs can turn up in random bytes by chance
        QVERIFY(!sealed.contains(plain.left(16))); // not in clear
    const auto opened = aead.open(sealed, ad);
    QVERIFY(opened.has_value());
    QCOMPARE(viewBytes(*opened), plain);
}

void TestAead::emptyPlaintext()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray sealed = aead.seal({}, "ad");
    QCOMPARE(sealed.size(), Aead::Overhead);
    const auto opened = aead.open(sealed, "ad");
    QVERIFY(opened.has_value());
    QVERIFY(opened->isEmpty());
    QVERIFY(!aead.open(sealed, "other").has_value());
}

void TestAead::noncesAreUnique()
{
    Aead aead{keyFromHex(KeyF)};
    QSet<QByteArray> nonces;
    QSet<QByteArray> sealedSet;
    constexpr int Count = 2000;
    for (int i = 0; i < Count; ++i) {
        const QByteArray sealed = aead.seal("same plaintext", "same ad");
        nonces.insert(sealed.left(Aead::NonceSize));
        sealedSet.insert(sealed);
    }
    QCOMPARE(nonces.size(), Count);
    QCOMPARE(sealedSet.size(), Count);
}

void TestAead::everyFlippedByteFails()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray ad = "record 42";
    const QByteArray sealed = aead.seal("a secret value of some length", ad);
    QVERIFY(aead.open(sealed, ad).has_value());
    for (qsizetype i = 0; i < sealed.size(); ++i) {
        for (char mask : {char(0x01), char(0x80), char(0xff)}) {
            QByteArray tampered = sealed;
            tampered[i] = char(tampered[i] ^ mask);
            QVERIFY2(!aead.open(tampered, ad).has_value(),
                     qPrintable(QStringLiteral("byte %1 mask %2").arg(i).arg(int(uchar(mask)))));
        }
    }
}

void TestAead::wrongAssociatedDataFails()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray sealed = aead.seal("value", "vault|row 1|value|v1");
    QVERIFY(aead.open(sealed, "vault|row 1|value|v1").has_value());
    QVERIFY(!aead.open(sealed, "vault|row 2|value|v1").has_value());
    QVERIFY(!aead.open(sealed, "vault|row 1|name|v1").has_value());
    QVERIFY(!aead.open(sealed, "vault|row 1|value|v2").has_value());
    QVERIFY(!aead.open(sealed, {}).has_value());

    const QByteArray noAd = aead.seal("value", {});
    QVERIFY(aead.open(noAd, {}).has_value());
    QVERIFY(!aead.open(noAd, "x").has_value());
}

void TestAead::truncatedOrExtendedInputFails()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray sealed = aead.seal("0123456789", "ad");
    for (qsizetype n = 0; n < sealed.size(); ++n)
        QVERIFY2(!aead.open(sealed.left(n), "ad").has_value(), qPrintable(QString::number(n)));
    QVERIFY(!aead.open(sealed + '\0', "ad").has_value());
    QVERIFY(!aead.open(QByteArray(Aead::Overhead, '\0'), "ad").has_value());
    QVERIFY(aead.open(sealed, "ad").has_value());
}

void TestAead::wrongKeyFails()
{
    Aead aead{keyFromHex(KeyF)};
    Aead other{SecretValue(QByteArray(Aead::KeySize, '\x42'))};
    const QByteArray sealed = aead.seal("value", "ad");
    QVERIFY(!other.open(sealed, "ad").has_value());
}

void TestAead::wrongKeySizeFailsCleanly()
{
    for (qsizetype size : {0, 16, 31, 33}) {
        Aead aead{SecretValue(QByteArray(size, '\x01'))};
        QVERIFY(aead.seal("value", "ad").isEmpty());
        QVERIFY(aead.encrypt(QByteArray(12, '\0'), "value", {}).isEmpty());
        QVERIFY(!aead.open(QByteArray(40, '\0'), "ad").has_value());
    }
}

void TestAead::invalidArguments()
{
    Aead aead{keyFromHex(KeyF)};
    const QByteArray iv(12, '\0');
    QVERIFY(aead.encrypt({}, "x", {}).isEmpty());                   // no nonce
    QVERIFY(aead.encrypt(QByteArray(129, 'n'), "x", {}).isEmpty()); // nonce too long
    QVERIFY(aead.encrypt(iv, "x", {}, 17).isEmpty());
    QVERIFY(aead.encrypt(iv, "x", {}, 0).isEmpty());
    QVERIFY(!aead.decrypt(iv, QByteArray(15, '\0'), {}).has_value()); // shorter than the tag
    QVERIFY(!aead.decrypt(iv, QByteArray(20, '\0'), {}, 17).has_value());
    // Still usable afterwards.
    const auto opened = aead.open(aead.seal("ok", {}), {});
    QVERIFY(opened && viewBytes(*opened) == "ok");
}

QTEST_GUILESS_MAIN(TestAead)
#include "tst_aead.moc"
