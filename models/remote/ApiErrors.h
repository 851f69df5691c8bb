#pragma once

#include "StoreError.h"
#include "remote/HttpTransport.h"

#include <QJsonObject>
#include <QString>

// Turns what HttpTransport brought back into one clear StoreError sentence (docs/api.md §6):
// never a raw HTTP dump, never a value or a token.
namespace ApiErrors {
// The problem type without its common prefix, e.g. "version-mismatch"; empty when none.
QString problemType(const QJsonObject& problem);

// The error of a /mint/v1 reply; StoreError() for a usable 2xx.
StoreError fromApiReply(const HttpReply& reply);
// The error of a token endpoint reply (RFC 6749 §5.2); StoreError() for a 200.
StoreError fromTokenReply(const HttpReply& reply);
// "Deleting secrets needs the Mint Admin role." from a 403's requiredPermission and grantedBy.
QString permissionSentence(const QString& requiredPermission, const QStringList& grantedBy);
} // namespace ApiErrors
