#include "remote/ApiErrors.h"

#include "remote/JsonMapping.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ApiErrors {

namespace {
const QLatin1String TypePrefix("https://mint-config.invalid/problems/");

// lupdate and the app both read the strings below in the context "ApiErrors".
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ApiErrors)
};

StoreError transportError(const HttpReply& reply)
{
    if (reply.tlsFailed)
        return StoreError(StoreError::Code::TlsUntrusted);
    if (reply.networkError == QNetworkReply::TimeoutError
        || reply.networkError == QNetworkReply::OperationCanceledError)
        return StoreError(
            StoreError::Code::Unreachable,
            Text::tr("The server did not answer in time. Check the connection and try "
                     "again."));
    return StoreError(StoreError::Code::Unreachable);
}

StoreError unreadable()
{
    return StoreError(
        StoreError::Code::ServerError,
        Text::tr("The server's answer was incomplete or could not be read. Try again."));
}
} // namespace

QString problemType(const QJsonObject& problem)
{
    QString type = problem.value(QLatin1String("type")).toString();
    if (type.startsWith(TypePrefix))
        type.remove(0, TypePrefix.size());
    return type;
}

QString permissionSentence(const QString& requiredPermission, const QStringList& grantedBy)
{
    if (grantedBy.isEmpty())
        return StoreError::standardMessage(StoreError::Code::PermissionDenied);
    // A sentence, not a list: a server may name up to JsonMapping::MaxStrings long roles.
    constexpr qsizetype MaxRolesNamed = 4;
    constexpr qsizetype MaxRoleLength = 64;
    QStringList named;
    for (const QString& role : grantedBy.mid(0, MaxRolesNamed))
        named.append(JsonMapping::displayText(role, MaxRoleLength));
    if (grantedBy.size() > MaxRolesNamed)
        named.append(Text::tr("other roles"));
    const QString roles =
        named.size() == 1
            ? named.first()
            : Text::tr("%1 or %2")
                  .arg(named.mid(0, named.size() - 1).join(QStringLiteral(", ")), named.last());
    if (requiredPermission == JsonMapping::permissionName(Permission::SecretsDelete))
        return grantedBy.size() == 1
                   ? Text::tr("Deleting secrets needs the %1 role.").arg(roles)
                   : Text::tr("Deleting secrets needs one of the roles %1.").arg(roles);
    if (requiredPermission == JsonMapping::permissionName(Permission::SecretsWrite))
        return grantedBy.size() == 1
                   ? Text::tr("Adding or changing secrets needs the %1 role.").arg(roles)
                   : Text::tr("Adding or changing secrets needs one of the roles %1.").arg(roles);
    if (requiredPermission == JsonMapping::permissionName(Permission::SecretsRead))
        return grantedBy.size() == 1
                   ? Text::tr("Viewing secrets needs the %1 role.").arg(roles)
                   : Text::tr("Viewing secrets needs one of the roles %1.").arg(roles);
    return grantedBy.size() == 1 ? Text::tr("This needs the %1 role.").arg(roles)
                                 : Text::tr("This needs one of the roles %1.").arg(roles);
}

StoreError fromApiReply(const HttpReply& reply)
{
    if (reply.status == 0)
        return transportError(reply);
    if (reply.truncated)
        return unreadable();
    if (reply.status >= 200 && reply.status < 300)
        return {};

    const QJsonObject problem = reply.json.object();
    const QString type = problemType(problem);
    switch (reply.status) {
    case 401:
        return StoreError(StoreError::Code::SignInFailed,
                          Text::tr("The server no longer accepts this sign-in. Sign in again."));
    case 403:
        return StoreError(
            StoreError::Code::PermissionDenied,
            permissionSentence(
                problem.value(QLatin1String("requiredPermission")).toString(),
                JsonMapping::stringsFromJson(problem.value(QLatin1String("grantedBy")).toArray())));
    case 404:
        return StoreError(StoreError::Code::NotFound);
    case 409:
        if (type == QLatin1String("name-taken"))
            return StoreError(StoreError::Code::NameTaken);
        return StoreError(
            StoreError::Code::RateLimited,
            Text::tr("The server is still working on the same request. Try again in a "
                     "moment."));
    case 410:
        return StoreError(StoreError::Code::ServerError,
                          Text::tr("The server no longer knows the last sync position."));
    case 412:
        return StoreError(StoreError::Code::StaleVersion,
                          Text::tr("This secret was changed by someone else since you opened it. "
                                   "Reload and try again."));
    case 413:
        return StoreError(StoreError::Code::ValueTooLarge);
    case 422: {
        if (type == QLatin1String("validation-failed")) {
            const QJsonArray errors = problem.value(QLatin1String("errors")).toArray();
            for (const QJsonValue& error : errors) {
                if (error.toObject().value(QLatin1String("field")).toString()
                    == QLatin1String("name"))
                    return StoreError(StoreError::Code::NameInvalid);
            }
            return StoreError(StoreError::Code::ServerError,
                              Text::tr("The server did not accept the value."));
        }
        if (type == QLatin1String("unsealing-failed"))
            return StoreError(StoreError::Code::ServerError,
                              Text::tr("The server could not unseal the value. Try again."));
        return StoreError(StoreError::Code::ServerError,
                          Text::tr("The server refused the request. Try again."));
    }
    case 429:
    case 503:
        return StoreError(StoreError::Code::RateLimited);
    default:
        break;
    }
    if (reply.status >= 500)
        return StoreError(StoreError::Code::ServerError);
    return StoreError(StoreError::Code::ServerError,
                      Text::tr("The server refused the request (HTTP %1).").arg(reply.status));
}

StoreError fromTokenReply(const HttpReply& reply)
{
    if (reply.status == 0)
        return transportError(reply);
    if (reply.truncated)
        return unreadable();
    if (reply.status == 200)
        return {};
    const QString error = reply.json.object().value(QLatin1String("error")).toString();
    if (reply.status == 401 || error == QLatin1String("invalid_client"))
        return StoreError(StoreError::Code::SignInFailed);
    if (reply.status == 429 || reply.status == 503)
        return StoreError(StoreError::Code::RateLimited);
    if (error == QLatin1String("invalid_scope") || error == QLatin1String("unauthorized_client"))
        return StoreError(StoreError::Code::SignInFailed,
                          Text::tr("The server does not let this client use the Mint Config API."));
    if (reply.status == 404)
        return StoreError(
            StoreError::Code::SignInFailed,
            Text::tr(
                "The token address is not a sign-in endpoint. Check the connection settings."));
    return StoreError(StoreError::Code::ServerError,
                      Text::tr("The server could not complete the sign-in. Try again later."));
}

} // namespace ApiErrors
