#include "remote/MetadataCache.h"

#include "remote/JsonMapping.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {
constexpr int FormatVersion = 1;
constexpr qint64 MaxCacheBytes = qint64(512) * 1024 * 1024;
} // namespace

MetadataCache::MetadataCache(const QString& directory, const QUuid& profileId)
    : m_path(QDir(directory).filePath(
        QStringLiteral("remote-%1.json").arg(profileId.toString(QUuid::WithoutBraces))))
{
}

std::optional<MetadataCache::Data> MetadataCache::load() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxCacheBytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("format")).toInt() != FormatVersion)
        return std::nullopt;

    Data data;
    data.apiBaseUrl = QUrl(root.value(QLatin1String("apiBaseUrl")).toString());
    data.clientId = root.value(QLatin1String("clientId")).toString();
    data.cursor = root.value(QLatin1String("cursor")).toString();
    data.lastSync = JsonMapping::timeFromJson(root.value(QLatin1String("lastSync")).toString());
    data.subject = root.value(QLatin1String("subject")).toString();
    data.roles = JsonMapping::stringsFromJson(root.value(QLatin1String("roles")).toArray());
    data.permissions =
        JsonMapping::permissionsFromJson(root.value(QLatin1String("permissions")).toArray());
    data.grantedBy =
        JsonMapping::grantedByFromJson(root.value(QLatin1String("grantedBy")).toObject());
    const QJsonArray secrets = root.value(QLatin1String("secrets")).toArray();
    data.secrets.reserve(secrets.size());
    for (const QJsonValue& item : secrets) {
        const std::optional<Secret> secret = JsonMapping::secretFromJson(item.toObject());
        if (!secret) // one bad row makes the whole cache suspect: a full sync will repair it
            return std::nullopt;
        data.secrets.append(*secret);
    }
    return data;
}

bool MetadataCache::save(const Data& data) const
{
    QJsonArray secrets;
    for (const Secret& secret : data.secrets)
        secrets.append(JsonMapping::secretToJson(secret));
    const QJsonObject root{
        {QLatin1String("format"), FormatVersion},
        {QLatin1String("apiBaseUrl"), data.apiBaseUrl.toString()},
        {QLatin1String("clientId"), data.clientId},
        {QLatin1String("cursor"), data.cursor},
        {QLatin1String("lastSync"), JsonMapping::timeToJson(data.lastSync)},
        {QLatin1String("subject"), data.subject},
        {QLatin1String("roles"), QJsonArray::fromStringList(data.roles)},
        {QLatin1String("permissions"), JsonMapping::permissionsToJson(data.permissions)},
        {QLatin1String("grantedBy"), JsonMapping::grantedByToJson(data.grantedBy)},
        {QLatin1String("secrets"), secrets},
    };
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Compact);

    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return false;
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size())
        return false;
    return file.commit();
}

void MetadataCache::remove() const
{
    QFile::remove(m_path);
}
