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

// Text from the server as the UI may show it: no control, format or line-separator characters,
// at most maxLength UTF-16 units (elided with "…"). A broken or hostile server cannot spoof
// the layout, reorder text or fill a dialog.
inline constexpr qsizetype MaxDisplayLength = 200;
QString displayText(const QJsonValue& value, qsizetype maxLength = MaxDisplayLength);
// At most this many strings (roles) are read from one array.
inline constexpr qsizetype MaxStrings = 32;

// "secrets:read" and friends; unknown names are ignored.
Permissions permissionsFromJson(const QJsonArray& names);
QJsonArray permissionsToJson(Permissions permissions);
// The wire name of one permission, e.g. "secrets:delete".
QString permissionName(Permission::Flag permission);

// /me's grantedBy: permission name -> roles, for the three known permissions only.
QHash<QString, QStringList> grantedByFromJson(const QJsonObject& object);
QJsonObject grantedByToJson(const QHash<QString, QStringList>& grantedBy);

// The strings of array (others skipped) as displayText(), at most MaxStrings of them.
QStringList stringsFromJson(const QJsonArray& array);
// A secret's id as the API writes it: lower-case, no braces.
QString idText(const QUuid& id);
} // namespace JsonMapping
