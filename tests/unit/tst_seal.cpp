#include "crypto/Seal.h"

#include <QTest>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
// RFC 7748 section 6.1.
const QByteArray AlicePrivate =
    QByteArray::fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
const QByteArray AlicePublic =
    QByteArray::fromHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
const QByteArray BobPrivate =
    QByteArray::fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
const QByteArray BobPublic =
    QByteArray::fromHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
const QByteArray SharedSecret =
    QByteArray::fromHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

const QString KeyId = u"k-2026-11"_s;
const QString Target = u"create"_s;

SecretValue valueOf(qsizetype size)
{
    SecretValue value(size);
    for (qsizetype i = 0; i < size; ++i)
        value.data()[i] = char(i * 7 + 3);
    return value;
}

const char* errorName(Seal::OpenError error)
{
    switch (error) {
    case Seal::OpenError::None:
        return "None";
    case Seal::OpenError::UnknownKey:
        return "UnknownKey";
    case Seal::OpenError::BadLength:
        return "BadLength";
    case Seal::OpenError::BadSeal:
        return "BadSeal";
    }
    return "?";
}

// Opens and returns the error; checks that a failure carries no value.
Seal::OpenError openError(QByteArrayView sealed, const SecretValue& privateKey,
                          const QString& keyId = KeyId, const QString& target = Target)
{
    Seal::OpenError error = Seal::OpenError::None;
    const std::optional<SecretValue> value = Seal::open(sealed, privateKey, keyId, target, &error);
    if (value.has_value() != (error == Seal::OpenError::None))
        return Seal::OpenError(-1);
    return error;
}

// --- An independent implementation of the receiving side with plain OpenSSL calls. ---
template <typename T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;

const unsigned char* uc(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

QByteArray byHandX25519(const QByteArray& privateKey, const QByteArray& peerPublic)
{
    const Pkey own(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, uc(privateKey),
                                                size_t(privateKey.size())));
    const Pkey peer(EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, uc(peerPublic),
                                                size_t(peerPublic.size())));
    const PkeyCtx ctx(EVP_PKEY_CTX_new(own.get(), nullptr));
    QByteArray out(32, '\0');
    size_t length = 32;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1
        || EVP_PKEY_derive_set_peer(ctx.get(), peer.get()) != 1
        || EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length) != 1)
        return {};
    return out;
}

QByteArray byHandHkdf(QByteArray ikm, QByteArray salt, QByteArray info)
{
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    const KdfCtx ctx(EVP_KDF_CTX_new(kdf));
    EVP_KDF_free(kdf);
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm.data(), size_t(ikm.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), size_t(salt.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), size_t(info.size())),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(32, '\0');
    if (!ctx
        || EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), 32, params) != 1)
        return {};
    return out;
}

std::optional<QByteArray> byHandGcmOpen(const QByteArray& key, const QByteArray& nonce,
                                        const QByteArray& ciphertext, QByteArray tag,
                                        const QByteArray& aad)
{
    const CipherCtx ctx(EVP_CIPHER_CTX_new());
    QByteArray out(ciphertext.size(), '\0');
    int len = 0;
    int finalLen = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, uc(key), uc(nonce)) != 1
        || EVP_DecryptUpdate(ctx.get(), nullptr, &len, uc(aad), int(aad.size())) != 1
        || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                             uc(ciphertext), int(ciphertext.size()))
               != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(tag.size()), tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len,
                               &finalLen)
               != 1)
        return std::nullopt;
    return out;
}
} // namespace

class TestSeal : public QObject {
    Q_OBJECT

private slots:
    void x25519KnownAnswer();
    void generateKeyPair();
    void roundTrip_data();
    void roundTrip();
    void refusesBadValueSizes();
    void layout();
    void sealsDiffer();
    void independentRederivation();
    void everyBitFlipFails();
    void wrongTargetKeyIdOrKeyFails();
    void badLengths();
    void unknownVersion();
    void refusesSmallOrderServerKey_data();
    void refusesSmallOrderServerKey();
    void refusesMalformedKeys();
};

void TestSeal::x25519KnownAnswer()
{
    const SecretValue alice(AlicePrivate);
    const SecretValue bob(BobPrivate);
    QCOMPARE(Seal::publicKeyOf(alice).toHex(), AlicePublic.toHex());
    QCOMPARE(Seal::publicKeyOf(bob).toHex(), BobPublic.toHex());
    const std::optional<SecretValue> ab = Seal::x25519(alice, BobPublic);
    const std::optional<SecretValue> ba = Seal::x25519(bob, AlicePublic);
    QVERIFY(ab && ba);
    QCOMPARE(ab->view().toByteArray().toHex(), SharedSecret.toHex());
    QCOMPARE(ba->view().toByteArray().toHex(), SharedSecret.toHex());
}

void TestSeal::generateKeyPair()
{
    const Seal::KeyPair a = Seal::generateKeyPair();
    const Seal::KeyPair b = Seal::generateKeyPair();
    QCOMPARE(a.publicKey.size(), 32);
    QCOMPARE(a.privateKey.size(), 32);
    QCOMPARE(Seal::publicKeyOf(a.privateKey), a.publicKey);
    QVERIFY(a.publicKey != b.publicKey);
    QVERIFY(!a.privateKey.equals(b.privateKey));
}

void TestSeal::roundTrip_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<QString>("target");
    QTest::newRow("1 byte") << qsizetype(1) << u"create"_s;
    QTest::newRow("text") << qsizetype(40) << u"3f1c2a90-7d1e-4c1b-9a55-0a2b3c4d5e6f"_s;
    QTest::newRow("64 KiB") << qsizetype(65536) << u"create"_s;
}

void TestSeal::roundTrip()
{
    QFETCH(qsizetype, size);
    QFETCH(QString, target);
    const Seal::KeyPair server = Seal::generateKeyPair();
    const SecretValue value = valueOf(size);
    const std::optional<QByteArray> sealed = Seal::seal(value, server.publicKey, KeyId, target);
    QVERIFY(sealed);
    Seal::OpenError error = Seal::OpenError::BadSeal;
    const std::optional<SecretValue> opened =
        Seal::open(*sealed, server.privateKey, KeyId, target, &error);
    QVERIFY(opened);
    QCOMPARE(errorName(error), "None");
    QVERIFY(opened->equals(value));

    // Non-ASCII keyId and target go in as UTF-8 and still round-trip.
    const QString odd = u"nøkkel-ü"_s;
    const std::optional<QByteArray> sealed2 = Seal::seal(value, server.publicKey, odd, odd);
    QVERIFY(sealed2);
    const std::optional<SecretValue> opened2 = Seal::open(*sealed2, server.privateKey, odd, odd);
    QVERIFY(opened2 && opened2->equals(value));
}

void TestSeal::refusesBadValueSizes()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    QVERIFY(!Seal::seal(SecretValue(), server.publicKey, KeyId, Target));
    QVERIFY(!Seal::seal(valueOf(65537), server.publicKey, KeyId, Target));
    QVERIFY(Seal::seal(valueOf(65536), server.publicKey, KeyId, Target));
}

void TestSeal::layout()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    for (const qsizetype n : {qsizetype(1), qsizetype(17), qsizetype(65536)}) {
        const std::optional<QByteArray> sealed =
            Seal::seal(valueOf(n), server.publicKey, KeyId, Target);
        QVERIFY(sealed);
        QCOMPARE(sealed->size(), 1 + 32 + 12 + n + 16);
        QCOMPARE(int(sealed->at(0)), 0x01);
        // E is a valid X25519 public key different from the server's.
        const QByteArray e = sealed->mid(1, 32);
        QVERIFY(e != server.publicKey);
        QVERIFY(Seal::x25519(server.privateKey, e));
    }
    QCOMPARE(Seal::MinSealedSize, 62);
}

void TestSeal::sealsDiffer()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    const SecretValue value = valueOf(20);
    const std::optional<QByteArray> a = Seal::seal(value, server.publicKey, KeyId, Target);
    const std::optional<QByteArray> b = Seal::seal(value, server.publicKey, KeyId, Target);
    QVERIFY(a && b);
    QVERIFY(a->mid(1, 32) != b->mid(1, 32));   // fresh E
    QVERIFY(a->mid(33, 12) != b->mid(33, 12)); // fresh nonce
    QVERIFY(a->mid(45) != b->mid(45));
}

// Re-derives the key with plain OpenSSL from the blob's E and the server private key, following
// docs/api.md section 5 literally, and opens the value by hand.
void TestSeal::independentRederivation()
{
    const SecretValue serverPrivate(BobPrivate);
    const QByteArray serverPublic = BobPublic;
    const QString target = u"a1b2c3"_s;
    const QByteArray plain = "correct horse battery staple";
    const std::optional<QByteArray> sealed =
        Seal::seal(SecretValue(plain), serverPublic, KeyId, target);
    QVERIFY(sealed);

    const QByteArray e = sealed->mid(1, 32);
    const QByteArray nonce = sealed->mid(33, 12);
    const QByteArray ciphertext = sealed->mid(45, sealed->size() - 45 - 16);
    const QByteArray tag = sealed->right(16);
    QCOMPARE(ciphertext.size(), plain.size());

    const QByteArray shared = byHandX25519(BobPrivate, e);
    QCOMPARE(shared.size(), 32);
    const QByteArray key = byHandHkdf(shared, e + serverPublic,
                                      QByteArray("mint-config/v1/value") + '\0' + "k-2026-11");
    QCOMPARE(key.size(), 32);
    const QByteArray aad = QByteArray(1, '\x01') + "k-2026-11" + '\0' + "a1b2c3";
    const std::optional<QByteArray> opened = byHandGcmOpen(key, nonce, ciphertext, tag, aad);
    QVERIFY(opened);
    QCOMPARE(*opened, plain);

    // Swapping the salt order (S || E) must not work: proves the salt is E || S.
    const QByteArray swapped = byHandHkdf(shared, serverPublic + e,
                                          QByteArray("mint-config/v1/value") + '\0' + "k-2026-11");
    QVERIFY(!byHandGcmOpen(swapped, nonce, ciphertext, tag, aad));
    // And Seal::open agrees.
    const std::optional<SecretValue> viaOpen = Seal::open(*sealed, serverPrivate, KeyId, target);
    QVERIFY(viaOpen);
    QCOMPARE(viaOpen->view().toByteArray(), plain);
}

void TestSeal::everyBitFlipFails()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    for (const qsizetype n : {qsizetype(1), qsizetype(33)}) {
        const std::optional<QByteArray> sealed =
            Seal::seal(valueOf(n), server.publicKey, KeyId, Target);
        QVERIFY(sealed);
        for (qsizetype i = 0; i < sealed->size(); ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray tampered = *sealed;
                tampered[i] = char(tampered[i] ^ (1 << bit));
                const Seal::OpenError expected =
                    i == 0 ? Seal::OpenError::UnknownKey : Seal::OpenError::BadSeal;
                const Seal::OpenError got = openError(tampered, server.privateKey);
                if (got != expected)
                    QFAIL(qPrintable(u"n=%1 byte %2 bit %3: %4"_s.arg(n).arg(i).arg(bit).arg(
                        QLatin1StringView(errorName(got)))));
            }
        }
    }
}

void TestSeal::wrongTargetKeyIdOrKeyFails()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    const Seal::KeyPair other = Seal::generateKeyPair();
    const std::optional<QByteArray> sealed =
        Seal::seal(valueOf(10), server.publicKey, KeyId, Target);
    QVERIFY(sealed);
    QCOMPARE(errorName(openError(*sealed, server.privateKey)), "None");
    QCOMPARE(errorName(openError(*sealed, server.privateKey, KeyId, u"other-id"_s)), "BadSeal");
    QCOMPARE(errorName(openError(*sealed, server.privateKey, KeyId, u""_s)), "BadSeal");
    QCOMPARE(errorName(openError(*sealed, server.privateKey, u"k-2026-10"_s)), "BadSeal");
    QCOMPARE(errorName(openError(*sealed, other.privateKey)), "BadSeal");
    // keyId / target boundary is fixed by the 0x00 separator.
    const std::optional<QByteArray> ab = Seal::seal(valueOf(10), server.publicKey, u"a"_s, u"bc"_s);
    QVERIFY(ab);
    QCOMPARE(errorName(openError(*ab, server.privateKey, u"a"_s, u"bc"_s)), "None");
    QCOMPARE(errorName(openError(*ab, server.privateKey, u"ab"_s, u"c"_s)), "BadSeal");
    // A malformed private key is a bad seal, not a crash.
    QCOMPARE(errorName(openError(*sealed, SecretValue(QByteArrayView("short")))), "BadSeal");
    QCOMPARE(errorName(openError(*sealed, SecretValue())), "BadSeal");
}

void TestSeal::badLengths()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    const std::optional<QByteArray> one = Seal::seal(valueOf(1), server.publicKey, KeyId, Target);
    QVERIFY(one);
    QCOMPARE(errorName(openError(one->first(61), server.privateKey)), "BadLength");
    QCOMPARE(errorName(openError(one->first(45), server.privateKey)), "BadLength");
    QCOMPARE(errorName(openError(one->first(1), server.privateKey)), "BadLength");
    QCOMPARE(errorName(openError(QByteArray(), server.privateKey)), "BadLength");
    // Truncated but still at least 62 bytes: authentication fails.
    const std::optional<QByteArray> big = Seal::seal(valueOf(100), server.publicKey, KeyId, Target);
    QVERIFY(big);
    for (const qsizetype keep : {qsizetype(62), qsizetype(100), big->size() - 1})
        QCOMPARE(errorName(openError(big->first(keep), server.privateKey)), "BadSeal");
    QCOMPARE(errorName(openError(*big + QByteArray(1, 'x'), server.privateKey)), "BadSeal");
    // Over 64 KiB of value: refused before any crypto.
    QByteArray tooBig(Seal::MaxSealedSize + 1, '\0');
    tooBig[0] = Seal::Version;
    QCOMPARE(errorName(openError(tooBig, server.privateKey)), "BadLength");
    const std::optional<QByteArray> max =
        Seal::seal(valueOf(65536), server.publicKey, KeyId, Target);
    QVERIFY(max);
    QCOMPARE(max->size(), Seal::MaxSealedSize);
    QCOMPARE(errorName(openError(*max + QByteArray(1, 'x'), server.privateKey)), "BadLength");
}

void TestSeal::unknownVersion()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    std::optional<QByteArray> sealed = Seal::seal(valueOf(5), server.publicKey, KeyId, Target);
    QVERIFY(sealed);
    for (const char version : {'\x00', '\x02', '\xff'}) {
        (*sealed)[0] = version;
        QCOMPARE(errorName(openError(*sealed, server.privateKey)), "UnknownKey");
    }
}

void TestSeal::refusesSmallOrderServerKey_data()
{
    QTest::addColumn<QByteArray>("publicKey");
    // Points of small order on Curve25519 (and their non-canonical encodings).
    QTest::newRow("zero") << QByteArray(32, '\0');
    QTest::newRow("one") << QByteArray::fromHex(
        "0100000000000000000000000000000000000000000000000000000000000000");
    QTest::newRow("order 8") << QByteArray::fromHex(
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    QTest::newRow("order 8 b") << QByteArray::fromHex(
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157");
    QTest::newRow("p - 1") << QByteArray::fromHex(
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    QTest::newRow("p") << QByteArray::fromHex(
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    QTest::newRow("p + 1") << QByteArray::fromHex(
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
}

void TestSeal::refusesSmallOrderServerKey()
{
    QFETCH(QByteArray, publicKey);
    QVERIFY(!Seal::seal(valueOf(8), publicKey, KeyId, Target));
    QVERIFY(!Seal::x25519(SecretValue(AlicePrivate), publicKey));
}

void TestSeal::refusesMalformedKeys()
{
    const Seal::KeyPair server = Seal::generateKeyPair();
    QVERIFY(!Seal::seal(valueOf(8), server.publicKey.first(31), KeyId, Target));
    QVERIFY(!Seal::seal(valueOf(8), server.publicKey + 'x', KeyId, Target));
    QVERIFY(!Seal::seal(valueOf(8), QByteArray(), KeyId, Target));
    QVERIFY(Seal::publicKeyOf(SecretValue(QByteArrayView("short"))).isEmpty());
    QVERIFY(!Seal::x25519(SecretValue(QByteArrayView("short")), server.publicKey));
}

QTEST_GUILESS_MAIN(TestSeal)
#include "tst_seal.moc"
