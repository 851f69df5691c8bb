#include "ApiServer.h"

#include "Problem.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>

namespace {

const QString AdminRole = QStringLiteral("Mint Admin");
const QString EditorRole = QStringLiteral("Mint Editor");
const QString Scope = QStringLiteral("signicat-api");

// Every value of the header name (compared case-insensitively).
QList<QByteArray> headerValues(const QHttpServerRequest& request, QByteArrayView name)
{
    QList<QByteArray> values;
    const auto headers = request.headers();
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value.trimmed());
    }
    return values;
}

// application/x-www-form-urlencoded decoding of one name or value.
QByteArray formDecode(QByteArray text)
{
    text.replace('+', ' ');
    return QByteArray::fromPercentEncoding(text);
}

QHttpServerResponse oauthError(QHttpServerResponse::StatusCode status, const char* error,
                               const QString& description)
{
    QHttpServerResponse response(QJsonObject{{QLatin1String("error"), QLatin1String(error)},
                                             {QLatin1String("error_description"), description}},
                                 status);
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    return response;
}

QHttpServerResponse invalidRequest(const QString& description)
{
    return oauthError(QHttpServerResponse::StatusCode::BadRequest, "invalid_request", description);
}

} // namespace

ApiServer::ApiServer(const ClientRegistry& clients, int tokenLifetimeSeconds)
    : m_clients(clients)
    , m_tokens(tokenLifetimeSeconds)
{
    m_server.route(QStringLiteral("/auth/open/connect/token"), QHttpServerRequest::Method::Post,
                   [this](const QHttpServerRequest& request) { return token(request); });
    m_server.route(QStringLiteral("/mint/v1/me"), QHttpServerRequest::Method::Get,
                   [this](const QHttpServerRequest& request) { return me(request); });
}

quint16 ApiServer::listen(quint16 port, const QSslCertificate& certificate, const QSslKey& key)
{
    if (!certificate.isNull() && !key.isNull())
        m_server.sslSetup(certificate, key);
    return m_server.listen(QHostAddress::LocalHost, port);
}

QStringList ApiServer::permissionsFor(const QStringList& roles)
{
    const bool admin = roles.contains(AdminRole);
    const bool editor = roles.contains(EditorRole);
    QStringList permissions;
    if (admin || editor) {
        permissions << QStringLiteral("secrets:read") << QStringLiteral("secrets:write");
    }
    if (admin)
        permissions << QStringLiteral("secrets:delete");
    return permissions;
}

QHttpServerResponse ApiServer::token(const QHttpServerRequest& request)
{
    const QList<QByteArray> contentTypes = headerValues(request, "Content-Type");
    if (contentTypes.size() != 1
        || !contentTypes.first().toLower().startsWith("application/x-www-form-urlencoded"))
        return invalidRequest(
            QStringLiteral("The body must be application/x-www-form-urlencoded."));

    QHash<QByteArray, QList<QByteArray>> fields;
    const QList<QByteArray> pairs = request.body().split('&');
    for (const QByteArray& pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = formDecode(equals < 0 ? pair : pair.left(equals));
        const QByteArray value = equals < 0 ? QByteArray() : formDecode(pair.mid(equals + 1));
        fields[name].append(value);
    }
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (it.value().size() > 1)
            return invalidRequest(QStringLiteral("A field is repeated."));
    }
    const auto field = [&fields](const char* name) -> std::optional<QByteArray> {
        const auto it = fields.constFind(QByteArray(name));
        if (it == fields.constEnd())
            return std::nullopt;
        return it->first();
    };

    const QList<QByteArray> authorizations = headerValues(request, "Authorization");
    if (authorizations.size() > 1)
        return invalidRequest(QStringLiteral("The Authorization header is repeated."));
    const bool basic = !authorizations.isEmpty();
    if (basic && !authorizations.first().toLower().startsWith("basic "))
        return invalidRequest(QStringLiteral("Only HTTP Basic client authentication is accepted."));
    if (basic && (field("client_id") || field("client_secret")))
        return invalidRequest(
            QStringLiteral("Use either HTTP Basic or client_secret_post, not both."));

    const auto grantType = field("grant_type");
    if (!grantType)
        return invalidRequest(QStringLiteral("grant_type is missing."));
    if (*grantType != "client_credentials")
        return oauthError(QHttpServerResponse::StatusCode::BadRequest, "unsupported_grant_type",
                          QStringLiteral("Only client_credentials is supported."));
    const auto scope = field("scope");
    if (!scope)
        return invalidRequest(QStringLiteral("scope is missing."));

    QString clientId;
    SecretValue secret;
    bool credentialsWellFormed = true;
    if (basic) {
        const auto decoded = QByteArray::fromBase64Encoding(
            authorizations.first().mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon < 0) {
            credentialsWellFormed = false;
        } else {
            clientId = QString::fromUtf8(formDecode(decoded.decoded.left(colon)));
            QByteArray secretBytes = formDecode(decoded.decoded.mid(colon + 1));
            secret = SecretValue(secretBytes);
            secretBytes.fill('\0');
        }
    } else {
        const auto id = field("client_id");
        const auto postedSecret = field("client_secret");
        if (!id || !postedSecret)
            return invalidRequest(QStringLiteral("client_id or client_secret is missing."));
        clientId = QString::fromUtf8(*id);
        secret = SecretValue(*postedSecret);
    }

    const auto client = credentialsWellFormed ? m_clients.authenticate(clientId, secret)
                                              : std::optional<ClientRegistry::Client>();
    if (!client) {
        QHttpServerResponse response =
            oauthError(QHttpServerResponse::StatusCode::Unauthorized, "invalid_client",
                       QStringLiteral("Unknown client or wrong secret."));
        if (basic)
            response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                               QByteArrayLiteral(R"(Basic realm="mint")"));
        return response;
    }
    if (QString::fromUtf8(*scope) != Scope)
        return oauthError(QHttpServerResponse::StatusCode::BadRequest, "invalid_scope",
                          QStringLiteral("The only scope is signicat-api."));

    const QByteArray accessToken = m_tokens.issue(client->subject, client->roles);
    QHttpServerResponse response(
        QJsonObject{{QLatin1String("access_token"), QString::fromLatin1(accessToken)},
                    {QLatin1String("token_type"), QLatin1String("Bearer")},
                    {QLatin1String("expires_in"), m_tokens.lifetimeSeconds()},
                    {QLatin1String("scope"), Scope}});
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.setHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    return response;
}

QHttpServerResponse ApiServer::me(const QHttpServerRequest& request)
{
    const QList<QByteArray> authorizations = headerValues(request, "Authorization");
    if (authorizations.isEmpty())
        return Problem::unauthorized(QStringLiteral("No bearer token was sent."));
    if (authorizations.size() > 1 || !authorizations.first().toLower().startsWith("bearer "))
        return Problem::unauthorized(
            QStringLiteral("The Authorization header is not a bearer token."));
    const auto grant = m_tokens.validate(authorizations.first().mid(7).trimmed());
    if (!grant)
        return Problem::unauthorized(QStringLiteral("The token is unknown or has expired."));
    return QHttpServerResponse(QJsonObject{
        {QLatin1String("subject"), grant->subject},
        {QLatin1String("roles"), QJsonArray::fromStringList(grant->roles)},
        {QLatin1String("permissions"), QJsonArray::fromStringList(permissionsFor(grant->roles))}});
}
