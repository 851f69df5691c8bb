// The server's unsealing of a sealed value (docs/api.md §5, Seal::open), and sealing round trips.
// Invariants: open() returns 1 byte to 64 KiB or says why it refused; whatever seal() makes,
// open() returns unchanged for the same key ID and target, and refuses for any other target.

#include "FuzzSupport.h"
#include "SecretValue.h"
#include "crypto/Seal.h"

namespace {
const SecretValue& serverPrivateKey()
{
    static const SecretValue key(QByteArrayView("mint-config fuzz server key 32b!"));
    return key;
}
const QString KeyId = QStringLiteral("fuzz-key");
} // namespace

int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const QByteArray publicKey = Seal::publicKeyOf(serverPrivateKey());
    FUZZ_CHECK(publicKey.size() == Seal::KeySize);

    FuzzSupport::Input input(data, size);
    const QString target = input.utf8(64);
    const QString keyId = input.byte() & 1 ? KeyId : input.utf8(16);
    const QByteArrayView sealed = input.rest();

    Seal::OpenError error = Seal::OpenError::None;
    const std::optional<SecretValue> opened =
        Seal::open(sealed, serverPrivateKey(), keyId, target, &error);
    FUZZ_CHECK(opened.has_value() == (error == Seal::OpenError::None));
    if (opened)
        FUZZ_CHECK(opened->size() >= 1 && opened->size() <= Seal::MaxValueSize);

    // The same bytes as a value: sealed to our key, they open again only for their target.
    const SecretValue value(sealed.first(qMin(sealed.size(), Seal::MaxValueSize)));
    const std::optional<QByteArray> resealed = Seal::seal(value, publicKey, keyId, target);
    FUZZ_CHECK(resealed.has_value() == !value.isEmpty());
    if (resealed) {
        const std::optional<SecretValue> back =
            Seal::open(*resealed, serverPrivateKey(), keyId, target);
        FUZZ_CHECK(back && back->equals(value));
        FUZZ_CHECK(!Seal::open(*resealed, serverPrivateKey(), keyId, target + QLatin1Char('x')));
    }
    return 0;
}
