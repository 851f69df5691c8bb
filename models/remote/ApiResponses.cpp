#include "remote/ApiResponses.h"

#include "NameRules.h"
#include "crypto/Seal.h"
#include "remote/JsonMapping.h"

#include <QJsonArray>

namespace ApiResponses {

namespace {
const QLatin1String SealAlgorithm("X25519-HKDF-SHA256-A256GCM");
constexpr qint64 DefaultTokenLifetimeS = 3600;
// Lifetimes beyond a year are the server's mistake; capped so that milliseconds cannot overflow.
constexpr double MaxTokenLifetimeS = 366.0 * 24 * 3600;

QJsonValue member(const QJsonObject& object, const char* name)
{
    return object.value(QLatin1String(name));
}

} // namespace

std::optional<Secret> secret(const QJsonObject& body)
{
    std::optional<Secret> secret = JsonMapping::secretFromJson(body);
    if (!secret || !NameRules::problem(secret->name).isEmpty())
        return std::nullopt;
    return secret;
}

std::optional<SecretsPage> secretsPage(const QJsonObject& body, const QString& after)
{
    const QJsonValue items = member(body, "items");
    if (!items.isArray())
        return std::nullopt;
    SecretsPage page;
    page.lastId = after;
    const QJsonArray array = items.toArray();
    for (const QJsonValue& item : array) {
        const QJsonObject object = item.toObject();
        std::optional<Secret> parsed = secret(object);
        // Compared in one spelling: "ABC…" and "{abc…}" are the same id as "abc…".
        const QString id = parsed ? JsonMapping::idText(parsed->id) : QString();
        if (!parsed || id <= page.lastId)
            return std::nullopt;
        page.lastId = id;
        page.items.append(std::move(*parsed));
    }
    page.cursor = member(body, "cursor").toString();
    return page;
}

std::optional<ChangesPage> changesPage(const QJsonObject& body)
{
    const QJsonValue changes = member(body, "changes");
    ChangesPage page;
    page.cursor = member(body, "cursor").toString();
    if (!changes.isArray() || page.cursor.isEmpty())
        return std::nullopt;
    const QJsonArray array = changes.toArray();
    for (const QJsonValue& item : array) {
        const QJsonObject object = item.toObject();
        const QString type = member(object, "type").toString();
        Change change;
        if (type == QLatin1String("delete")) {
            change.deleted = true;
            change.id = QUuid::fromString(member(object, "id").toString());
            if (change.id.isNull())
                return std::nullopt;
        } else if (type == QLatin1String("upsert")) {
            std::optional<Secret> parsed = secret(member(object, "secret").toObject());
            if (!parsed)
                return std::nullopt;
            change.id = parsed->id;
            change.secret = std::move(*parsed);
        } else {
            continue; // a change type of a later version of the contract
        }
        page.changes.append(std::move(change));
    }
    page.hasMore = member(body, "hasMore").toBool() && !array.isEmpty();
    return page;
}

Me me(const QJsonObject& body)
{
    Me me;
    me.subject = JsonMapping::displayText(member(body, "subject"));
    me.roles = JsonMapping::stringsFromJson(member(body, "roles").toArray());
    me.permissions = JsonMapping::permissionsFromJson(member(body, "permissions").toArray());
    me.grantedBy = JsonMapping::grantedByFromJson(member(body, "grantedBy").toObject());
    return me;
}

QList<FlowReference> references(const QJsonObject& body)
{
    QList<FlowReference> references;
    const QJsonArray items = member(body, "items").toArray();
    for (const QJsonValue& item : items) {
        if (std::optional<FlowReference> reference =
                JsonMapping::referenceFromJson(item.toObject()))
            references.append(std::move(*reference));
    }
    return references;
}

std::optional<PublicKey> publicKey(const QJsonObject& body)
{
    const QString keyId = member(body, "keyId").toString();
    const QString algorithm = member(body, "algorithm").toString();
    const auto key = QByteArray::fromBase64Encoding(member(body, "publicKey").toString().toLatin1(),
                                                    QByteArray::Base64UrlEncoding
                                                        | QByteArray::OmitTrailingEquals
                                                        | QByteArray::AbortOnBase64DecodingErrors);
    if (keyId.isEmpty() || !key || key.decoded.size() != Seal::KeySize
        || (!algorithm.isEmpty() && algorithm != SealAlgorithm))
        return std::nullopt;
    return PublicKey{keyId, key.decoded};
}

std::optional<Token> token(const QJsonObject& body)
{
    QByteArray text = member(body, "access_token").toString().toLatin1();
    const double lifetimeS = member(body, "expires_in").toDouble(double(DefaultTokenLifetimeS));
    Token token;
    token.accessToken = SecretValue(text);
    text.fill('\0');
    if (token.accessToken.isEmpty() || !(lifetimeS >= 1))
        return std::nullopt;
    token.lifetimeMs = qint64(qMin(lifetimeS, MaxTokenLifetimeS)) * 1000;
    return token;
}

} // namespace ApiResponses
