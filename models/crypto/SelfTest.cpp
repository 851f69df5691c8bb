#include "SelfTest.h"

#include "Aead.h"
#include "Kdf.h"
#include "OpenSsl.h"
#include "Seal.h"
#include "SecretValue.h"

#include <QByteArray>

#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <cstdint>

namespace {

using Answer = SelfTest::Answer;

QByteArray hex(const char* digits)
{
    return QByteArray::fromHex(digits);
}

// The published answer, or that answer with its first bit flipped.
QByteArray expected(const char* digits, Answer answer)
{
    QByteArray bytes = hex(digits);
    if (answer == Answer::Corrupted && !bytes.isEmpty())
        bytes[0] = char(bytes[0] ^ 0x80);
    return bytes;
}

bool same(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a == b;
}

// McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256, 96-bit IV).
bool aesGcm(Answer answer)
{
    const SecretValue key(hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"));
    const QByteArray nonce = hex("cafebabefacedbaddecaf888");
    const QByteArray plaintext =
        hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    const QByteArray ad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    const QByteArray sealed = expected("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2"
                                       "555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abc"
                                       "c9f662" // ciphertext, then the tag
                                       "76fc6ece0f4e1768cddf8853bb2d551b",
                                       answer);
    Aead aead(key);
    if (!same(aead.encrypt(nonce, plaintext, ad), sealed))
        return false;
    const std::optional<SecretValue> opened = aead.decrypt(nonce, sealed, ad);
    if (!opened || !same(opened->view(), plaintext))
        return false;
    QByteArray tampered = sealed;
    tampered[tampered.size() - 1] = char(tampered.back() ^ 0x01);
    return !aead.decrypt(nonce, tampered, ad);
}

// RFC 4231 test case 2.
bool hmacSha256(Answer answer)
{
    return same(
        Kdf::hmacSha256(SecretValue(QByteArrayView("Jefe")),
                        QByteArrayView("what do ya want for nothing?")),
        expected("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", answer));
}

// RFC 5869 test case 1 (with salt and info).
bool hkdfSha256(Answer answer)
{
    const QByteArray ikm(22, '\x0b');
    const QByteArray salt = hex("000102030405060708090a0b0c");
    const QByteArray info = hex("f0f1f2f3f4f5f6f7f8f9");
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OpenSsl::octets(OSSL_KDF_PARAM_KEY, ikm),
        OpenSsl::octets(OSSL_KDF_PARAM_SALT, salt),
        OpenSsl::octets(OSSL_KDF_PARAM_INFO, info),
        OSSL_PARAM_construct_end(),
    };
    SecretValue okm = SecretValue::key(42);
    return OpenSsl::deriveKdf("HKDF", params, okm.bytes(), okm.size())
           && same(okm.view(), expected("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56"
                                        "ecc4c5bf34007208d5b887185865",
                                        answer));
}

// RFC 7914 §12, the first vector: empty password and salt, N = 16, r = 1, p = 1.
bool scrypt(Answer answer)
{
    std::uint64_t n = 16;
    std::uint32_t r = 1;
    std::uint32_t p = 1;
    const OSSL_PARAM params[] = {
        OpenSsl::octets(OSSL_KDF_PARAM_PASSWORD, {}),
        OpenSsl::octets(OSSL_KDF_PARAM_SALT, {}),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_end(),
    };
    SecretValue key = SecretValue::key(64);
    return OpenSsl::deriveKdf("SCRYPT", params, key.bytes(), key.size())
           && same(key.view(), expected("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3f"
                                        "ede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628"
                                        "cf35e20c38d18906",
                                        answer));
}

// RFC 7748 §6.1: Alice's public key from her private key, and the shared secret with Bob.
bool x25519(Answer answer)
{
    const SecretValue alice(
        hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    const QByteArray bobPublic =
        hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    if (!same(Seal::publicKeyOf(alice),
              hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")))
        return false;
    const std::optional<SecretValue> shared = Seal::x25519(alice, bobPublic);
    return shared
           && same(shared->view(),
                   expected("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
                            answer));
}

bool constant(const unsigned char* bytes, int size)
{
    for (int i = 1; i < size; ++i) {
        if (bytes[i] != bytes[0])
            return false;
    }
    return true;
}

// Two draws of 32 bytes: both succeed, neither is constant, and they differ (a stuck generator
// fails; the chance that a working one does is 2^-256).
bool randomBytes(Answer answer)
{
    unsigned char a[32] = {};
    unsigned char b[32] = {};
    if (RAND_bytes(a, sizeof a) != 1 || RAND_bytes(b, sizeof b) != 1)
        return false;
    const unsigned char* second = answer == Answer::Corrupted ? a : b;
    return !constant(a, sizeof a) && !constant(second, sizeof b)
           && CRYPTO_memcmp(a, second, sizeof a) != 0;
}

} // namespace

bool SelfTest::passes(Check check, Answer answer)
{
    const OpenSsl::ErrorMark mark;
    switch (check) {
    case Check::AesGcm:
        return aesGcm(answer);
    case Check::HmacSha256:
        return hmacSha256(answer);
    case Check::HkdfSha256:
        return hkdfSha256(answer);
    case Check::Scrypt:
        return scrypt(answer);
    case Check::X25519:
        return x25519(answer);
    case Check::Random:
        return randomBytes(answer);
    }
    return false;
}

std::optional<SelfTest::Check> SelfTest::run()
{
    for (const Check check : AllChecks) {
        if (!passes(check))
            return check;
    }
    return std::nullopt;
}

QString SelfTest::name(Check check)
{
    switch (check) {
    case Check::AesGcm:
        return QStringLiteral("AES-256-GCM");
    case Check::HmacSha256:
        return QStringLiteral("HMAC-SHA256");
    case Check::HkdfSha256:
        return QStringLiteral("HKDF-SHA256");
    case Check::Scrypt:
        return QStringLiteral("scrypt");
    case Check::X25519:
        return QStringLiteral("X25519");
    case Check::Random:
        return QStringLiteral("CSPRNG");
    }
    return {};
}

QString SelfTest::failureMessage(Check check)
{
    return tr("The encryption library failed its start-up self-test (%1), so Mint Config will "
              "not run. Reinstall Mint Config or repair its OpenSSL library.")
        .arg(name(check));
}
