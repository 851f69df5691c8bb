#include "ServerKeys.h"

#include "crypto/Aead.h"
#include "crypto/Random.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray encode(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding
                                        | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> decode(const QJsonObject& object, QLatin1String name, qsizetype size)
{
    auto decoded = QByteArray::fromBase64Encoding(object.value(name).toString().toLatin1(),
                                                  QByteArray::Base64UrlEncoding
                                                      | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != size)
        return std::nullopt;
    return std::move(decoded.decoded);
}

QString newKeyId()
{
    return QStringLiteral("k-") + QString::fromLatin1(Random::bytes(6).toHex());
}

} // namespace

ServerKeys ServerKeys::generate()
{
    ServerKeys keys;
    QByteArray key = Random::bytes(Aead::KeySize);
    keys.atRestKey = SecretValue(key);
    key.fill('\0');
    keys.sealKey = Seal::generateKeyPair();
    keys.keyId = newKeyId();
    return keys;
}

void ServerKeys::rotate(int graceSeconds)
{
    previous.reset();
    if (graceSeconds > 0)
        previous =
            Previous{std::move(sealKey), keyId, QDeadlineTimer(std::chrono::seconds(graceSeconds))};
    sealKey = Seal::generateKeyPair();
    QString fresh = newKeyId();
    while (fresh == keyId || (previous && fresh == previous->keyId))
        fresh = newKeyId();
    keyId = fresh;
}

const SecretValue* ServerKeys::privateKeyFor(const QString& id) const
{
    if (id == keyId)
        return &sealKey.privateKey;
    if (previous && id == previous->keyId && !previous->acceptedUntil.hasExpired())
        return &previous->sealKey.privateKey;
    return nullptr;
}

bool ServerKeys::loadOrCreate(const QString& path, bool mayCreate, ServerKeys* keys,
                              QString* errorString)
{
    QFile file(path);
    if (!file.exists()) {
        if (!mayCreate) {
            *errorString = QStringLiteral("the keys file %1 is missing; the database cannot be "
                                          "opened without it")
                               .arg(path);
            return false;
        }
        ServerKeys fresh = generate();
        QByteArray json =
            QJsonDocument(
                QJsonObject{{QLatin1String("keyId"), fresh.keyId},
                            {QLatin1String("atRestKey"),
                             QString::fromLatin1(encode(fresh.atRestKey.view()))},
                            {QLatin1String("sealPrivateKey"),
                             QString::fromLatin1(encode(fresh.sealKey.privateKey.view()))}})
                .toJson(QJsonDocument::Compact);
        const bool written = file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                                       QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                             && file.write(json) == json.size() && file.flush();
        json.fill('\0');
        if (!written) {
            *errorString = QStringLiteral("cannot write the keys file %1").arg(path);
            return false;
        }
        *keys = std::move(fresh);
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *errorString = QStringLiteral("cannot read the keys file %1").arg(path);
        return false;
    }
    QByteArray json = file.readAll();
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    json.fill('\0');
    auto atRest = decode(object, QLatin1String("atRestKey"), Aead::KeySize);
    auto sealPrivate = decode(object, QLatin1String("sealPrivateKey"), Seal::KeySize);
    const QString keyId = object.value(QLatin1String("keyId")).toString();
    if (!atRest || !sealPrivate || keyId.isEmpty()) {
        *errorString = QStringLiteral("the keys file %1 is malformed").arg(path);
        return false;
    }
    keys->atRestKey = SecretValue(*atRest);
    keys->sealKey.privateKey = SecretValue(*sealPrivate);
    keys->sealKey.publicKey = Seal::publicKeyOf(keys->sealKey.privateKey);
    keys->keyId = keyId;
    atRest->fill('\0');
    sealPrivate->fill('\0');
    return !keys->sealKey.publicKey.isEmpty();
}
