#pragma once

#include "Permissions.h"
#include "Secret.h"
#include "SecretStore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Mapping between the JSON of docs/api.md and the model types. Nothing here ever sees a value.
namespace JsonMapping {
// The secret resource of §4; nullopt when a member is missing or of the wrong type.
std::optional<Secret> secretFromJson(const QJsonObject& object);
QJsonObject secretToJson(const Secret& secret);
// An RFC 3339 time with milliseconds, in UTC.
QString timeToJson(const QDateTime& time);
QDateTime timeFromJson(const QString& text);

std::optional<FlowReference> referenceFromJson(const QJsonObject& object);

// "secrets:read" and friends; unknown names are ignored.
Permissions permissionsFromJson(const QJsonArray& names);
QJsonArray permissionsToJson(Permissions permissions);
// The wire name of one permission, e.g. "secrets:delete".
QString permissionName(Permission::Flag permission);

// /me's grantedBy: permission name -> roles.
QHash<QString, QStringList> grantedByFromJson(const QJsonObject& object);
QJsonObject grantedByToJson(const QHash<QString, QStringList>& grantedBy);

QStringList stringsFromJson(const QJsonArray& array);
// A secret's id as the API writes it: lower-case, no braces.
QString idText(const QUuid& id);
} // namespace JsonMapping
