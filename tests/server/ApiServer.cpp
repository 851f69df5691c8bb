#include "ApiServer.h"

#include "NameRules.h"
#include "Problem.h"
#include "crypto/Random.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <limits>

namespace {

const QString AdminRole = QStringLiteral("Mint Admin");
const QString EditorRole = QStringLiteral("Mint Editor");
const QString Scope = QStringLiteral("signicat-api");
const QString ReadPermission = QStringLiteral("secrets:read");
const QString WritePermission = QStringLiteral("secrets:write");
const QString DeletePermission = QStringLiteral("secrets:delete");
const QString SealAlgorithm = QStringLiteral("X25519-HKDF-SHA256-A256GCM");
const QString SecretsPath = QStringLiteral("/mint/v1/secrets");
constexpr qsizetype MaxBodyBytes = 128 * 1024;
constexpr qint64 IdempotencyKeepMs = qint64(24) * 60 * 60 * 1000;
using Status = QHttpServerResponse::StatusCode;

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

QString timestamp(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject secretJson(const SecretRepository::Secret& secret)
{
    return QJsonObject{{QLatin1String("id"), secret.id},
                       {QLatin1String("name"), secret.name},
                       {QLatin1String("createdAt"), timestamp(secret.createdAt)},
                       {QLatin1String("updatedAt"), timestamp(secret.updatedAt)},
                       {QLatin1String("createdBy"), secret.createdBy},
                       {QLatin1String("updatedBy"), secret.updatedBy},
                       {QLatin1String("version"), secret.version}};
}

QByteArray etagOf(int version)
{
    return '"' + QByteArray::number(version) + '"';
}

QHttpServerResponse secretResponse(const SecretRepository::Secret& secret,
                                   Status status = Status::Ok)
{
    QHttpServerResponse response(secretJson(secret), status);
    response.setHeader(QByteArrayLiteral("ETag"), etagOf(secret.version));
    return response;
}

QString instanceOf(const QString& id)
{
    return SecretsPath + QLatin1Char('/') + id;
}

QHttpServerResponse notFound(const QString& id)
{
    return Problem::response(Status::NotFound, QStringLiteral("not-found"),
                             QStringLiteral("No such secret"),
                             QStringLiteral("There is no secret with this id."),
                             {{QLatin1String("instance"), instanceOf(id)}});
}

QHttpServerResponse invalidParameter(const QString& parameter, const QString& detail)
{
    return Problem::response(Status::BadRequest, QStringLiteral("invalid-parameter"),
                             QStringLiteral("A parameter is invalid"), detail,
                             {{QLatin1String("parameter"), parameter}});
}

QHttpServerResponse invalidBody(const QString& detail)
{
    return Problem::response(Status::BadRequest, QStringLiteral("invalid-body"),
                             QStringLiteral("The request body is invalid"), detail);
}

QHttpServerResponse bodyTooLarge()
{
    return Problem::response(Status::PayloadTooLarge, QStringLiteral("body-too-large"),
                             QStringLiteral("The request body is too large"),
                             QStringLiteral("Request bodies are at most 128 KiB."),
                             {{QLatin1String("maxBytes"), int(MaxBodyBytes)}});
}

QHttpServerResponse validationFailed(const QString& field, const QString& message,
                                     const QString& instance)
{
    return Problem::response(
        Status::UnprocessableEntity, QStringLiteral("validation-failed"),
        QStringLiteral("The secret is invalid"), message,
        {{QLatin1String("instance"), instance},
         {QLatin1String("errors"), QJsonArray{QJsonObject{{QLatin1String("field"), field},
                                                          {QLatin1String("message"), message}}}}});
}

QHttpServerResponse nameTaken(const QString& instance)
{
    return Problem::response(Status::Conflict, QStringLiteral("name-taken"),
                             QStringLiteral("The name is taken"),
                             QStringLiteral("Another secret already has this name."),
                             {{QLatin1String("instance"), instance}});
}

// The version in an If-Match header ("7"); nullopt when absent, -1 when malformed.
std::optional<int> ifMatchVersion(const QHttpServerRequest& request)
{
    const QList<QByteArray> values = headerValues(request, "If-Match");
    if (values.isEmpty())
        return std::nullopt;
    const QByteArray value = values.first();
    if (values.size() != 1 || value.size() < 3 || !value.startsWith('"') || !value.endsWith('"'))
        return -1;
    bool ok = false;
    const int version = value.mid(1, value.size() - 2).toInt(&ok);
    return ok && version > 0 ? version : -1;
}

// 428 without If-Match, 412 when it does not name the current version; nullopt when it does.
std::optional<QHttpServerResponse> checkIfMatch(const QHttpServerRequest& request,
                                                const SecretRepository::Secret& secret)
{
    const std::optional<int> expected = ifMatchVersion(request);
    if (!expected)
        return Problem::response(Status::PreconditionRequired, QStringLiteral("if-match-required"),
                                 QStringLiteral("If-Match is required"),
                                 QStringLiteral("Send If-Match with the version you changed."),
                                 {{QLatin1String("instance"), instanceOf(secret.id)}});
    if (*expected != secret.version)
        return Problem::response(
            Status::PreconditionFailed, QStringLiteral("version-mismatch"),
            QStringLiteral("The secret was changed by someone else"),
            QStringLiteral("A different version was expected; the secret is at version %1.")
                .arg(secret.version),
            {{QLatin1String("instance"), instanceOf(secret.id)},
             {QLatin1String("currentVersion"), secret.version}});
    return std::nullopt;
}

} // namespace

ApiServer::ApiServer(const ClientRegistry& clients, int tokenLifetimeSeconds)
    : m_clients(clients)
    , m_tokens(tokenLifetimeSeconds)
    , m_sealKey(Seal::generateKeyPair())
    , m_keyId(QStringLiteral("k-") + QString::fromLatin1(Random::bytes(6).toHex()))
{
    m_server.route(QStringLiteral("/auth/open/connect/token"), QHttpServerRequest::Method::Post,
                   [this](const QHttpServerRequest& request) { return token(request); });
    m_server.route(QStringLiteral("/mint/v1/me"), QHttpServerRequest::Method::Get,
                   [this](const QHttpServerRequest& request) { return me(request); });
    m_server.route(SecretsPath, QHttpServerRequest::Method::Get,
                   [this](const QHttpServerRequest& request) { return listSecrets(request); });
    m_server.route(SecretsPath, QHttpServerRequest::Method::Post,
                   [this](const QHttpServerRequest& request) { return createSecret(request); });
    // Before /secrets/<arg>, which would match it too.
    m_server.route(SecretsPath + QLatin1String("/public-key"), QHttpServerRequest::Method::Get,
                   [this](const QHttpServerRequest& request) { return publicKey(request); });
    m_server.route(SecretsPath + QLatin1String("/<arg>"), QHttpServerRequest::Method::Get,
                   [this](const QString& id, const QHttpServerRequest& request) {
                       return getSecret(id, request);
                   });
    m_server.route(SecretsPath + QLatin1String("/<arg>"), QHttpServerRequest::Method::Patch,
                   [this](const QString& id, const QHttpServerRequest& request) {
                       return patchSecret(id, request);
                   });
    m_server.route(SecretsPath + QLatin1String("/<arg>"), QHttpServerRequest::Method::Delete,
                   [this](const QString& id, const QHttpServerRequest& request) {
                       return deleteSecret(id, request);
                   });
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

std::optional<TokenService::Grant> ApiServer::authorize(const QHttpServerRequest& request,
                                                        const QString& permission,
                                                        std::optional<QHttpServerResponse>* refusal)
{
    const QList<QByteArray> authorizations = headerValues(request, "Authorization");
    if (authorizations.isEmpty()) {
        *refusal = Problem::unauthorized(QStringLiteral("No bearer token was sent."));
        return std::nullopt;
    }
    if (authorizations.size() > 1 || !authorizations.first().toLower().startsWith("bearer ")) {
        *refusal = Problem::unauthorized(
            QStringLiteral("The Authorization header is not a bearer token."));
        return std::nullopt;
    }
    auto grant = m_tokens.validate(authorizations.first().mid(7).trimmed());
    if (!grant) {
        *refusal = Problem::unauthorized(QStringLiteral("The token is unknown or has expired."));
        return std::nullopt;
    }
    if (!permission.isEmpty() && !permissionsFor(grant->roles).contains(permission)) {
        QJsonArray grantedBy{AdminRole};
        if (permission != DeletePermission)
            grantedBy.append(EditorRole);
        *refusal =
            Problem::response(Status::Forbidden, QStringLiteral("forbidden"),
                              QStringLiteral("The permission is missing"),
                              QStringLiteral("This needs the permission %1.").arg(permission),
                              {{QLatin1String("requiredPermission"), permission},
                               {QLatin1String("grantedBy"), grantedBy}});
        return std::nullopt;
    }
    return grant;
}

QHttpServerResponse ApiServer::me(const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto grant = authorize(request, {}, &refusal);
    if (!grant)
        return std::move(*refusal);
    return QHttpServerResponse(QJsonObject{
        {QLatin1String("subject"), grant->subject},
        {QLatin1String("roles"), QJsonArray::fromStringList(grant->roles)},
        {QLatin1String("permissions"), QJsonArray::fromStringList(permissionsFor(grant->roles))}});
}

QHttpServerResponse ApiServer::listSecrets(const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, ReadPermission, &refusal))
        return std::move(*refusal);

    const QUrlQuery query = request.query();
    const auto number = [&query](const QString& name, qint64 fallback, qint64 low,
                                 qint64 high) -> std::optional<qint64> {
        if (!query.hasQueryItem(name))
            return fallback;
        const QStringList values = query.allQueryItemValues(name, QUrl::FullyDecoded);
        bool ok = false;
        const qint64 value = values.size() == 1 ? values.first().toLongLong(&ok) : 0;
        if (!ok || value < low || value > high)
            return std::nullopt;
        return value;
    };
    const auto offset = number(QStringLiteral("offset"), 0, 0, std::numeric_limits<int>::max());
    if (!offset)
        return invalidParameter(QStringLiteral("offset"),
                                QStringLiteral("offset must be a number of at least 0."));
    const auto limit = number(QStringLiteral("limit"), 50, 1, 100);
    if (!limit)
        return invalidParameter(QStringLiteral("limit"),
                                QStringLiteral("limit must be a number from 1 to 100."));
    const QStringList searches =
        query.allQueryItemValues(QStringLiteral("search"), QUrl::FullyDecoded);
    if (searches.size() > 1)
        return invalidParameter(QStringLiteral("search"), QStringLiteral("search is repeated."));
    const QStringList sorts = query.allQueryItemValues(QStringLiteral("sort"), QUrl::FullyDecoded);
    if (sorts.size() > 1)
        return invalidParameter(QStringLiteral("sort"), QStringLiteral("sort is repeated."));
    QString sortText = sorts.isEmpty() ? QStringLiteral("name") : sorts.first();
    const bool descending = sortText.startsWith(QLatin1Char('-'));
    if (descending)
        sortText.remove(0, 1);
    SecretRepository::Sort sort = SecretRepository::Sort::Name;
    if (sortText == QLatin1String("createdAt"))
        sort = SecretRepository::Sort::CreatedAt;
    else if (sortText == QLatin1String("updatedAt"))
        sort = SecretRepository::Sort::UpdatedAt;
    else if (sortText != QLatin1String("name"))
        return invalidParameter(QStringLiteral("sort"),
                                QStringLiteral("sort must be name, createdAt or updatedAt."));

    const SecretRepository::Page page = m_secrets.list(
        *offset, *limit, searches.isEmpty() ? QString() : searches.first(), sort, descending);
    QJsonArray items;
    for (const SecretRepository::Secret& secret : page.items)
        items.append(secretJson(secret));
    return QHttpServerResponse(QJsonObject{{QLatin1String("items"), items},
                                           {QLatin1String("total"), qint64(page.total)},
                                           {QLatin1String("offset"), *offset},
                                           {QLatin1String("limit"), *limit}});
}

QHttpServerResponse ApiServer::getSecret(const QString& id, const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, ReadPermission, &refusal))
        return std::move(*refusal);
    const auto secret = m_secrets.find(id);
    if (!secret)
        return notFound(id);
    return secretResponse(*secret);
}

QHttpServerResponse ApiServer::publicKey(const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, WritePermission, &refusal))
        return std::move(*refusal);
    QHttpServerResponse response(
        QJsonObject{{QLatin1String("keyId"), m_keyId},
                    {QLatin1String("algorithm"), SealAlgorithm},
                    {QLatin1String("publicKey"),
                     QString::fromLatin1(m_sealKey.publicKey.toBase64(
                         QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))}});
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("max-age=3600"));
    return response;
}

std::optional<SecretValue> ApiServer::openValue(const QJsonValue& member, const QString& target,
                                                const QString& instance,
                                                std::optional<QHttpServerResponse>* refusal) const
{
    const QJsonObject value = member.toObject();
    if (!member.isObject() || !value.value(QLatin1String("keyId")).isString()
        || !value.value(QLatin1String("sealed")).isString()) {
        *refusal = invalidBody(QStringLiteral("value must be an object with keyId and sealed."));
        return std::nullopt;
    }
    const auto unsealingFailed = [&instance](const QString& reason, const QString& detail) {
        return Problem::response(
            Status::UnprocessableEntity, QStringLiteral("unsealing-failed"),
            QStringLiteral("The value could not be unsealed"), detail,
            {{QLatin1String("instance"), instance}, {QLatin1String("reason"), reason}});
    };
    if (value.value(QLatin1String("keyId")).toString() != m_keyId) {
        *refusal = unsealingFailed(QStringLiteral("unknown-key"),
                                   QStringLiteral("The value is sealed to an unknown key."));
        return std::nullopt;
    }
    const auto decoded = QByteArray::fromBase64Encoding(
        value.value(QLatin1String("sealed")).toString().toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
            | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *refusal = invalidBody(QStringLiteral("sealed must be base64url."));
        return std::nullopt;
    }
    Seal::OpenError error = Seal::OpenError::None;
    auto opened = Seal::open(decoded.decoded, m_sealKey.privateKey, m_keyId, target, &error);
    if (!opened) {
        switch (error) {
        case Seal::OpenError::UnknownKey:
            *refusal = unsealingFailed(QStringLiteral("unknown-key"),
                                       QStringLiteral("The sealed format is unknown."));
            break;
        case Seal::OpenError::BadLength:
            *refusal = unsealingFailed(QStringLiteral("bad-length"),
                                       QStringLiteral("The sealed value has a bad length."));
            break;
        case Seal::OpenError::None:
        case Seal::OpenError::BadSeal:
            *refusal = unsealingFailed(QStringLiteral("bad-seal"),
                                       QStringLiteral("The sealed value does not authenticate."));
            break;
        }
        return std::nullopt;
    }
    if (opened->isEmpty() || opened->size() > Seal::MaxValueSize) {
        *refusal = validationFailed(QStringLiteral("value"),
                                    QStringLiteral("A value is 1 byte to 64 KiB."), instance);
        return std::nullopt;
    }
    return opened;
}

QHttpServerResponse ApiServer::createSecret(const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto grant = authorize(request, WritePermission, &refusal);
    if (!grant)
        return std::move(*refusal);
    if (request.body().size() > MaxBodyBytes)
        return bodyTooLarge();
    const QList<QByteArray> keys = headerValues(request, "Idempotency-Key");
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (keys.size() != 1 || !keyPattern.match(QString::fromLatin1(keys.first())).hasMatch())
        return Problem::response(
            Status::BadRequest, QStringLiteral("missing-idempotency-key"),
            QStringLiteral("Idempotency-Key is required"),
            QStringLiteral("Send one Idempotency-Key of 1 to 64 characters [A-Za-z0-9_-]."));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_idempotency.removeIf(
        [now](const auto& entry) { return now - entry.value().storedAt > IdempotencyKeepMs; });
    const QString storeKey = grant->subject + QLatin1Char('\n') + QString::fromLatin1(keys.first());
    const QByteArray bodyHash =
        QCryptographicHash::hash(request.body(), QCryptographicHash::Sha256);
    const auto stored = m_idempotency.constFind(storeKey);
    if (stored != m_idempotency.constEnd()) {
        if (stored->bodyHash != bodyHash)
            return Problem::response(
                Status::UnprocessableEntity, QStringLiteral("idempotency-key-reused"),
                QStringLiteral("The Idempotency-Key was used for another request"),
                QStringLiteral("This Idempotency-Key was sent before with a different body."));
        QHttpServerResponse replay(stored->mimeType, stored->body, Status(stored->status));
        if (!stored->location.isEmpty())
            replay.setHeader(QByteArrayLiteral("Location"), stored->location);
        if (!stored->etag.isEmpty())
            replay.setHeader(QByteArrayLiteral("ETag"), stored->etag);
        replay.setHeader(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
        return replay;
    }

    QHttpServerResponse response = createSecretOnce(request, *grant);
    StoredResponse record;
    record.bodyHash = bodyHash;
    record.storedAt = now;
    record.status = int(response.statusCode());
    record.mimeType = response.mimeType();
    record.body = response.data();
    record.location = response.headers(QByteArrayLiteral("Location")).value(0);
    record.etag = response.headers(QByteArrayLiteral("ETag")).value(0);
    m_idempotency.insert(storeKey, record);
    return response;
}

QHttpServerResponse ApiServer::createSecretOnce(const QHttpServerRequest& request,
                                                const TokenService::Grant& grant)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalidBody(QStringLiteral("The body must be a JSON object."));
    const QJsonObject body = document.object();
    const QJsonValue name = body.value(QLatin1String("name"));
    if (!name.isString())
        return name.isUndefined() ? validationFailed(
                   QStringLiteral("name"), QStringLiteral("A name is required."), SecretsPath)
                                  : invalidBody(QStringLiteral("name must be a string."));
    if (body.value(QLatin1String("value")).isUndefined())
        return validationFailed(QStringLiteral("value"), QStringLiteral("A value is required."),
                                SecretsPath);
    const QString nameProblem = NameRules::problem(name.toString());
    if (!nameProblem.isEmpty())
        return validationFailed(QStringLiteral("name"), nameProblem, SecretsPath);
    std::optional<QHttpServerResponse> refusal;
    const auto value = openValue(body.value(QLatin1String("value")), QStringLiteral("create"),
                                 SecretsPath, &refusal);
    if (!value)
        return std::move(*refusal);
    if (m_secrets.nameTaken(name.toString()))
        return nameTaken(SecretsPath);

    const SecretRepository::Secret secret =
        m_secrets.create(name.toString(), *value, grant.subject);
    QHttpServerResponse response = secretResponse(secret, Status::Created);
    response.setHeader(QByteArrayLiteral("Location"), instanceOf(secret.id).toUtf8());
    return response;
}

QHttpServerResponse ApiServer::patchSecret(const QString& id, const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto grant = authorize(request, WritePermission, &refusal);
    if (!grant)
        return std::move(*refusal);
    if (request.body().size() > MaxBodyBytes)
        return bodyTooLarge();
    const auto current = m_secrets.find(id);
    if (!current)
        return notFound(id);
    if (auto failed = checkIfMatch(request, *current))
        return std::move(*failed);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalidBody(QStringLiteral("The body must be a JSON object."));
    const QJsonObject body = document.object();
    if (body.isEmpty())
        return secretResponse(*current);

    const QString instance = instanceOf(id);
    std::optional<QString> name;
    if (body.contains(QLatin1String("name"))) {
        const QJsonValue member = body.value(QLatin1String("name"));
        if (!member.isString())
            return invalidBody(QStringLiteral("name must be a string."));
        const QString nameProblem = NameRules::problem(member.toString());
        if (!nameProblem.isEmpty())
            return validationFailed(QStringLiteral("name"), nameProblem, instance);
        name = member.toString();
    }
    std::optional<SecretValue> value;
    if (body.contains(QLatin1String("value"))) {
        value = openValue(body.value(QLatin1String("value")), id, instance, &refusal);
        if (!value)
            return std::move(*refusal);
    }
    if (name && m_secrets.nameTaken(*name, id))
        return nameTaken(instance);

    const auto updated = m_secrets.update(id, name, value ? &*value : nullptr, grant->subject);
    if (!updated)
        return notFound(id);
    return secretResponse(*updated);
}

QHttpServerResponse ApiServer::deleteSecret(const QString& id, const QHttpServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, DeletePermission, &refusal))
        return std::move(*refusal);
    const auto current = m_secrets.find(id);
    if (!current)
        return notFound(id);
    if (auto failed = checkIfMatch(request, *current))
        return std::move(*failed);
    m_secrets.remove(id);
    return QHttpServerResponse(Status::NoContent);
}
