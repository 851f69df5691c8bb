#include "remote/JsonMapping.h"

#include <QTimeZone>

namespace JsonMapping {

namespace {
const QLatin1String ReadName("secrets:read");
const QLatin1String WriteName("secrets:write");
const QLatin1String DeleteName("secrets:delete");
} // namespace

QString displayText(const QJsonValue& value, qsizetype maxLength)
{
    QString text = value.toString();
    text.removeIf([](QChar c) {
        const QChar::Category category = c.category();
        return category == QChar::Other_Control || category == QChar::Other_Format
               || category == QChar::Separator_Line || category == QChar::Separator_Paragraph;
    });
    if (text.size() > maxLength) {
        qsizetype keep = maxLength - 1;
        if (keep > 0 && text.at(keep - 1).isHighSurrogate())
            --keep; // never half a character
        text.truncate(keep);
        text.append(QChar(0x2026)); // …
    }
    return text;
}

QString timeToJson(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromJson(const QString& text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

std::optional<Secret> secretFromJson(const QJsonObject& object)
{
    const QUuid id = QUuid::fromString(object.value(QLatin1String("id")).toString());
    const QJsonValue name = object.value(QLatin1String("name"));
    const QJsonValue version = object.value(QLatin1String("version"));
    if (id.isNull() || !name.isString() || !version.isDouble())
        return std::nullopt;
    Secret secret;
    secret.id = id;
    secret.name = name.toString();
    secret.version = version.toInteger();
    secret.createdAt = timeFromJson(object.value(QLatin1String("createdAt")).toString());
    secret.updatedAt = timeFromJson(object.value(QLatin1String("updatedAt")).toString());
    secret.createdBy = displayText(object.value(QLatin1String("createdBy")));
    secret.updatedBy = displayText(object.value(QLatin1String("updatedBy")));
    return secret;
}

QJsonObject secretToJson(const Secret& secret)
{
    return QJsonObject{{QLatin1String("id"), idText(secret.id)},
                       {QLatin1String("name"), secret.name},
                       {QLatin1String("createdAt"), timeToJson(secret.createdAt)},
                       {QLatin1String("updatedAt"), timeToJson(secret.updatedAt)},
                       {QLatin1String("createdBy"), secret.createdBy},
                       {QLatin1String("updatedBy"), secret.updatedBy},
                       {QLatin1String("version"), secret.version}};
}

std::optional<FlowReference> referenceFromJson(const QJsonObject& object)
{
    FlowReference reference;
    reference.flowId = displayText(object.value(QLatin1String("flowId")));
    reference.flowName = displayText(object.value(QLatin1String("flowName")));
    reference.stepName = displayText(object.value(QLatin1String("stepName")));
    reference.field = displayText(object.value(QLatin1String("field")));
    if (reference.flowId.isEmpty() && reference.flowName.isEmpty())
        return std::nullopt;
    if (reference.flowName.isEmpty())
        reference.flowName = reference.flowId;
    return reference;
}

QString permissionName(Permission::Flag permission)
{
    switch (permission) {
    case Permission::SecretsRead:
        return ReadName;
    case Permission::SecretsWrite:
        return WriteName;
    case Permission::SecretsDelete:
        return DeleteName;
    case Permission::None:
    case Permission::All:
        break;
    }
    return {};
}

Permissions permissionsFromJson(const QJsonArray& names)
{
    Permissions permissions;
    for (const QJsonValue& name : names) {
        const QString text = name.toString();
        if (text == ReadName)
            permissions |= Permission::SecretsRead;
        else if (text == WriteName)
            permissions |= Permission::SecretsWrite;
        else if (text == DeleteName)
            permissions |= Permission::SecretsDelete;
    }
    return permissions;
}

QJsonArray permissionsToJson(Permissions permissions)
{
    QJsonArray names;
    for (const auto flag :
         {Permission::SecretsRead, Permission::SecretsWrite, Permission::SecretsDelete}) {
        if (permissions.testFlag(flag))
            names.append(permissionName(flag));
    }
    return names;
}

QStringList stringsFromJson(const QJsonArray& array)
{
    QStringList strings;
    for (const QJsonValue& value : array) {
        if (value.isString() && strings.size() < MaxStrings)
            strings.append(displayText(value));
    }
    return strings;
}

QHash<QString, QStringList> grantedByFromJson(const QJsonObject& object)
{
    QHash<QString, QStringList> grantedBy;
    for (const auto flag :
         {Permission::SecretsRead, Permission::SecretsWrite, Permission::SecretsDelete}) {
        const QString name = permissionName(flag);
        if (object.contains(name))
            grantedBy.insert(name, stringsFromJson(object.value(name).toArray()));
    }
    return grantedBy;
}

QJsonObject grantedByToJson(const QHash<QString, QStringList>& grantedBy)
{
    QJsonObject object;
    for (auto it = grantedBy.constBegin(); it != grantedBy.constEnd(); ++it)
        object.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return object;
}

QString idText(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace JsonMapping
