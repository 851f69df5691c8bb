#include "ApiServer.h"

#include "Database.h"
#include "NameRules.h"
#include "Problem.h"
#include "crypto/Random.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

#include <functional>
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
using Status = QHttpServerResponse::StatusCode;

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
std::optional<int> ifMatchVersion(const ServerRequest& request)
{
    const QList<QByteArray> values = request.headerValues("If-Match");
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
std::optional<QHttpServerResponse> checkIfMatch(const ServerRequest& request,
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

ApiServer::ApiServer(ClientRegistry& clients, Database& database, ServerKeys keys,
                     const Options& options)
    : m_clients(clients)
    , m_options(options)
    , m_tokens(options.tokenLifetimeSeconds)
    , m_keys(std::move(keys))
    , m_secrets(database, m_keys.atRestKey, options.changeRetentionMs)
    , m_flows(database)
    , m_idempotency(database)
    , m_hooks(m_flows, m_faults, m_secrets, m_tokens, m_keys, m_clients)
{
    const QString oneSecret = SecretsPath + QLatin1String("/<arg>");
    m_faults.setSettings(options.faults);
    const auto plain = [this](QHttpServerResponse (ApiServer::*handler)(const ServerRequest&)) {
        return [this, handler](const QString&, const ServerRequest& request) {
            return (this->*handler)(request);
        };
    };
    const auto withId =
        [this](QHttpServerResponse (ApiServer::*handler)(const QString&, const ServerRequest&)) {
            return std::bind_front(handler, this);
        };
    addRoute("POST", QStringLiteral("/auth/open/connect/token"), RouteKind::Token,
             plain(&ApiServer::token));
    addRoute("GET", QStringLiteral("/mint/v1/me"), RouteKind::Api, plain(&ApiServer::me));
    addRoute("GET", SecretsPath, RouteKind::Api, plain(&ApiServer::listSecrets));
    addRoute("POST", SecretsPath, RouteKind::Api, plain(&ApiServer::createSecret));
    // Before /secrets/<arg>, which would match them too.
    addRoute("GET", SecretsPath + QLatin1String("/public-key"), RouteKind::Api,
             plain(&ApiServer::publicKey));
    addRoute("GET", SecretsPath + QLatin1String("/changes"), RouteKind::Api,
             plain(&ApiServer::changes));
    addRoute("GET", SecretsPath + QLatin1String("/<arg>/references"), RouteKind::Api,
             withId(&ApiServer::references));
    addRoute("GET", oneSecret, RouteKind::Api, withId(&ApiServer::getSecret));
    addRoute("PATCH", oneSecret, RouteKind::Api, withId(&ApiServer::patchSecret));
    addRoute("DELETE", oneSecret, RouteKind::Api, withId(&ApiServer::deleteSecret));
    if (options.testHooks) {
        TestHooks* hooks = &m_hooks;
        addRoute("PUT", QStringLiteral("/_test/flows/<arg>"), RouteKind::Hook,
                 std::bind_front(&TestHooks::putFlow, hooks));
        addRoute("PUT", QStringLiteral("/_test/faults"), RouteKind::Hook,
                 [hooks](const QString&, const ServerRequest& r) { return hooks->putFaults(r); });
        addRoute("GET", QStringLiteral("/_test/faults"), RouteKind::Hook,
                 [hooks](const QString&, const ServerRequest& r) { return hooks->getFaults(r); });
        addRoute("POST", QStringLiteral("/_test/rotate-key"), RouteKind::Hook,
                 [hooks](const QString&, const ServerRequest& r) { return hooks->rotateKey(r); });
        addRoute("GET", QStringLiteral("/_test/secrets/<arg>/digest"), RouteKind::Hook,
                 [hooks](const QString& id, const ServerRequest&) { return hooks->digest(id); });
        addRoute("GET", QStringLiteral("/_test/stats"), RouteKind::Hook,
                 [hooks](const QString&, const ServerRequest&) { return hooks->getStats(); });
        addRoute(
            "POST", QStringLiteral("/_test/revoke-tokens"), RouteKind::Hook,
            [hooks](const QString&, const ServerRequest& r) { return hooks->revokeTokens(r); });
        addRoute(
            "PUT", QStringLiteral("/_test/list-trigger"), RouteKind::Hook,
            [hooks](const QString&, const ServerRequest& r) { return hooks->putListTrigger(r); });
    }
    // No QHttpServer routes: every request reaches the missing-route handler, which is ours.
    m_server.setMissingHandler(
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            serve(request, std::move(responder));
        });
}

void ApiServer::addRoute(QByteArray method, const QString& path, RouteKind kind, Handler handler)
{
    m_routes.append(
        Route{std::move(method), path.split(QLatin1Char('/')), kind, std::move(handler)});
}

const ApiServer::Route* ApiServer::match(const ServerRequest& request, QString* argument) const
{
    const QStringList segments = request.path.split(QLatin1Char('/'));
    for (const Route& route : m_routes) {
        if (route.method != request.method || route.segments.size() != segments.size())
            continue;
        QString captured;
        bool matches = true;
        for (qsizetype i = 0; matches && i < segments.size(); ++i) {
            if (route.segments[i] == QLatin1String("<arg>"))
                captured = segments[i];
            matches = route.segments[i] == QLatin1String("<arg>")
                          ? !segments[i].isEmpty()
                          : route.segments[i] == segments[i];
        }
        if (matches) {
            *argument = captured;
            return &route;
        }
    }
    return nullptr;
}

QHttpServerResponse ApiServer::respond(const ServerRequest& request)
{
    QString argument;
    return respond(match(request, &argument), argument, request);
}

QHttpServerResponse ApiServer::respond(const Route* route, const QString& argument,
                                       const ServerRequest& request)
{
    if (!route)
        return Problem::response(Status::NotFound, QStringLiteral("not-found"),
                                 QStringLiteral("No such resource"),
                                 QStringLiteral("There is no such resource or method."),
                                 {{QLatin1String("instance"), request.path}});
    if (request.body.size() > MaxBodyBytes) // before any parsing
        return bodyTooLarge();
    return route->handler(argument, request);
}

void ApiServer::serve(const QHttpServerRequest& httpRequest, QHttpServerResponder&& responder)
{
    QElapsedTimer timer;
    timer.start();
    const ServerRequest request = ServerRequest::from(httpRequest);
    QString argument;
    const Route* route = match(request, &argument);
    if (!route) {
        respond(route, argument, request).write(std::move(responder));
        return;
    }
    if (route->kind != RouteKind::Token)
        record(request);
    const FaultInjector::Decision decision =
        m_faults.next(route->kind == RouteKind::Token, route->kind == RouteKind::Hook);
    QHttpServerResponse response = decision.fault == FaultInjector::Fault::RateLimited
                                           || decision.fault == FaultInjector::Fault::Unavailable
                                       ? m_faults.refusal(decision.fault)
                                       : respond(route, argument, request);
    if (route->kind != RouteKind::Hook) {
        TestHooks::Stats& stats = m_hooks.stats();
        ++stats.requests;
        if (response.statusCode() == Status::Unauthorized)
            ++(route->kind == RouteKind::Token ? stats.tokenRefusals : stats.unauthorized);
        else if (route->kind == RouteKind::Token && response.statusCode() == Status::Ok)
            ++stats.tokensIssued;
    }
    response.setHeader(QByteArrayLiteral("Server-Timing"),
                       "app;dur=" + QByteArray::number(double(timer.nsecsElapsed()) / 1e6, 'f', 3));
    FaultInjector::deliver(std::move(responder), std::move(response), decision);
}

bool ApiServer::openRecording(QString* errorString)
{
    if (m_options.recordBodiesPath.isEmpty())
        return true;
    m_recording.setFileName(m_options.recordBodiesPath);
    if (m_recording.open(QIODevice::WriteOnly | QIODevice::Append,
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return true;
    *errorString =
        QStringLiteral("cannot open %1 to record request bodies").arg(m_options.recordBodiesPath);
    return false;
}

void ApiServer::record(const ServerRequest& request)
{
    if (!m_recording.isOpen() || request.body.isEmpty())
        return;
    m_recording.write(request.body);
    m_recording.write("\n");
    m_recording.flush();
}

quint16 ApiServer::listen(quint16 port, const QSslCertificate& certificate, const QSslKey& key)
{
    if (!certificate.isNull() && !key.isNull())
        m_server.sslSetup(certificate, key);
    return m_server.listen(QHostAddress::LocalHost, port);
}

QJsonObject ApiServer::grantedBy()
{
    QJsonObject result;
    for (const QString& permission : {ReadPermission, WritePermission, DeletePermission}) {
        QJsonArray roles;
        for (const QString& role : {AdminRole, EditorRole}) {
            if (permissionsFor({role}).contains(permission))
                roles.append(role);
        }
        result.insert(permission, roles);
    }
    return result;
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

QHttpServerResponse ApiServer::token(const ServerRequest& request)
{
    const QList<QByteArray> contentTypes = request.headerValues("Content-Type");
    if (contentTypes.size() != 1
        || !contentTypes.first().toLower().startsWith("application/x-www-form-urlencoded"))
        return invalidRequest(
            QStringLiteral("The body must be application/x-www-form-urlencoded."));

    QHash<QByteArray, QList<QByteArray>> fields;
    const QList<QByteArray> pairs = request.body.split('&');
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

    const QList<QByteArray> authorizations = request.headerValues("Authorization");
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

std::optional<TokenService::Grant> ApiServer::authorize(const ServerRequest& request,
                                                        const QString& permission,
                                                        std::optional<QHttpServerResponse>* refusal)
{
    const QList<QByteArray> authorizations = request.headerValues("Authorization");
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
        *refusal =
            Problem::response(Status::Forbidden, QStringLiteral("forbidden"),
                              QStringLiteral("The permission is missing"),
                              QStringLiteral("This needs the permission %1.").arg(permission),
                              {{QLatin1String("requiredPermission"), permission},
                               {QLatin1String("grantedBy"), grantedBy().value(permission)}});
        return std::nullopt;
    }
    return grant;
}

QHttpServerResponse ApiServer::me(const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto grant = authorize(request, {}, &refusal);
    if (!grant)
        return std::move(*refusal);
    return QHttpServerResponse(QJsonObject{
        {QLatin1String("subject"), grant->subject},
        {QLatin1String("roles"), QJsonArray::fromStringList(grant->roles)},
        {QLatin1String("permissions"), QJsonArray::fromStringList(permissionsFor(grant->roles))},
        {QLatin1String("grantedBy"), grantedBy()}});
}

QHttpServerResponse ApiServer::listSecrets(const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, ReadPermission, &refusal))
        return std::move(*refusal);

    const QUrlQuery query = request.query;
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
    else if (sortText == QLatin1String("id"))
        sort = SecretRepository::Sort::Id;
    else if (sortText != QLatin1String("name"))
        return invalidParameter(QStringLiteral("sort"),
                                QStringLiteral("sort must be name, createdAt, updatedAt or id."));
    const QString search = searches.isEmpty() ? QString() : searches.first();
    // The cursor before the page is read: a change committed later is after it in the feed.
    const QString cursor = m_secrets.changeLog().currentCursor();

    // Keyset paging (docs/api.md §4): only with sort=id, instead of offset.
    if (query.hasQueryItem(QStringLiteral("after"))) {
        const QStringList afters =
            query.allQueryItemValues(QStringLiteral("after"), QUrl::FullyDecoded);
        static const QRegularExpression uuidPattern(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        if (afters.size() != 1 || !uuidPattern.match(afters.first()).hasMatch())
            return invalidParameter(QStringLiteral("after"),
                                    QStringLiteral("after must be one id (a lower-case UUID)."));
        if (sort != SecretRepository::Sort::Id || descending)
            return invalidParameter(QStringLiteral("after"),
                                    QStringLiteral("after is valid only with sort=id."));
        if (query.hasQueryItem(QStringLiteral("offset")))
            return invalidParameter(QStringLiteral("offset"),
                                    QStringLiteral("offset and after cannot be combined."));
        const SecretRepository::Page page = m_secrets.listAfter(afters.first(), *limit, search);
        QJsonArray items;
        for (const SecretRepository::Secret& secret : page.items)
            items.append(secretJson(secret));
        m_hooks.listAnswered();
        return QHttpServerResponse(QJsonObject{{QLatin1String("items"), items},
                                               {QLatin1String("total"), qint64(page.total)},
                                               {QLatin1String("after"), afters.first()},
                                               {QLatin1String("limit"), *limit},
                                               {QLatin1String("cursor"), cursor}});
    }

    const SecretRepository::Page page = m_secrets.list(*offset, *limit, search, sort, descending);
    QJsonArray items;
    for (const SecretRepository::Secret& secret : page.items)
        items.append(secretJson(secret));
    m_hooks.listAnswered();
    return QHttpServerResponse(QJsonObject{{QLatin1String("items"), items},
                                           {QLatin1String("total"), qint64(page.total)},
                                           {QLatin1String("offset"), *offset},
                                           {QLatin1String("limit"), *limit},
                                           {QLatin1String("cursor"), cursor}});
}

QHttpServerResponse ApiServer::changes(const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, ReadPermission, &refusal))
        return std::move(*refusal);
    const QUrlQuery query = request.query;
    const QStringList since = query.allQueryItemValues(QStringLiteral("since"), QUrl::FullyDecoded);
    if (since.size() != 1)
        return invalidParameter(QStringLiteral("since"),
                                QStringLiteral("since (one cursor) is required."));
    int limit = 500;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        const QStringList limits =
            query.allQueryItemValues(QStringLiteral("limit"), QUrl::FullyDecoded);
        bool ok = false;
        limit = limits.size() == 1 ? limits.first().toInt(&ok) : 0;
        if (!ok || limit < 1 || limit > 1000)
            return invalidParameter(QStringLiteral("limit"),
                                    QStringLiteral("limit must be a number from 1 to 1000."));
    }
    const auto sequence = m_secrets.changeLog().parse(since.first());
    if (!sequence)
        return Problem::response(
            Status::Gone, QStringLiteral("cursor-expired"),
            QStringLiteral("The cursor has expired"),
            QStringLiteral("The cursor is unknown or older than the server keeps changes; do a "
                           "full sync."));

    const SecretRepository::ChangePage page = m_secrets.changesSince(*sequence, limit);
    QJsonArray changes;
    for (const SecretRepository::Change& change : page.changes) {
        if (change.deleted)
            changes.append(QJsonObject{{QLatin1String("type"), QLatin1String("delete")},
                                       {QLatin1String("id"), change.id},
                                       {QLatin1String("deletedAt"), timestamp(change.deletedAt)}});
        else
            changes.append(QJsonObject{{QLatin1String("type"), QLatin1String("upsert")},
                                       {QLatin1String("secret"), secretJson(change.secret)}});
    }
    return QHttpServerResponse(
        QJsonObject{{QLatin1String("changes"), changes},
                    {QLatin1String("cursor"), m_secrets.changeLog().cursor(page.sequence)},
                    {QLatin1String("hasMore"), page.hasMore}});
}

QHttpServerResponse ApiServer::references(const QString& id, const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, ReadPermission, &refusal))
        return std::move(*refusal);
    if (!m_secrets.find(id))
        return notFound(id);
    const QList<FlowRepository::Reference> references = m_flows.referencesTo(id);
    QJsonArray items;
    for (const FlowRepository::Reference& reference : references)
        items.append(QJsonObject{{QLatin1String("flowId"), reference.flowId},
                                 {QLatin1String("flowName"), reference.flowName},
                                 {QLatin1String("stepId"), reference.step.stepId},
                                 {QLatin1String("stepName"), reference.step.stepName},
                                 {QLatin1String("stepType"), reference.step.stepType},
                                 {QLatin1String("field"), reference.step.field}});
    return QHttpServerResponse(QJsonObject{{QLatin1String("items"), items},
                                           {QLatin1String("total"), qint64(items.size())}});
}

QHttpServerResponse ApiServer::getSecret(const QString& id, const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, ReadPermission, &refusal))
        return std::move(*refusal);
    const auto secret = m_secrets.find(id);
    if (!secret)
        return notFound(id);
    return secretResponse(*secret);
}

QHttpServerResponse ApiServer::publicKey(const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    if (!authorize(request, WritePermission, &refusal))
        return std::move(*refusal);
    QHttpServerResponse response(
        QJsonObject{{QLatin1String("keyId"), m_keys.keyId},
                    {QLatin1String("algorithm"), SealAlgorithm},
                    {QLatin1String("publicKey"),
                     QString::fromLatin1(m_keys.sealKey.publicKey.toBase64(
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
    const QString keyId = value.value(QLatin1String("keyId")).toString();
    // The current key, or the previous one during its grace after a rotation.
    const SecretValue* privateKey = m_keys.privateKeyFor(keyId);
    if (!privateKey) {
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
    auto opened = Seal::open(decoded.decoded, *privateKey, keyId, target, &error);
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

QHttpServerResponse ApiServer::createSecret(const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto grant = authorize(request, WritePermission, &refusal);
    if (!grant)
        return std::move(*refusal);
    const QList<QByteArray> keys = request.headerValues("Idempotency-Key");
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (keys.size() != 1 || !keyPattern.match(QString::fromLatin1(keys.first())).hasMatch())
        return Problem::response(
            Status::BadRequest, QStringLiteral("missing-idempotency-key"),
            QStringLiteral("Idempotency-Key is required"),
            QStringLiteral("Send one Idempotency-Key of 1 to 64 characters [A-Za-z0-9_-]."));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString storeKey = grant->subject + QLatin1Char('\n') + QString::fromLatin1(keys.first());
    const QByteArray bodyHash = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256);
    const auto stored = m_idempotency.find(storeKey, now);
    if (stored) {
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
    IdempotencyStore::Record record;
    record.bodyHash = bodyHash;
    record.storedAt = now;
    record.status = int(response.statusCode());
    record.mimeType = response.mimeType();
    record.body = response.data();
    record.location = response.headers(QByteArrayLiteral("Location")).value(0);
    record.etag = response.headers(QByteArrayLiteral("ETag")).value(0);
    m_idempotency.store(storeKey, record);
    return response;
}

QHttpServerResponse ApiServer::createSecretOnce(const ServerRequest& request,
                                                const TokenService::Grant& grant)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
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

    const auto secret = m_secrets.create(name.toString(), *value, grant.subject);
    if (!secret)
        return Problem::response(Status::InternalServerError, QStringLiteral("internal"),
                                 QStringLiteral("Internal error"),
                                 QStringLiteral("The secret could not be stored."));
    QHttpServerResponse response = secretResponse(*secret, Status::Created);
    response.setHeader(QByteArrayLiteral("Location"), instanceOf(secret->id).toUtf8());
    return response;
}

QHttpServerResponse ApiServer::patchSecret(const QString& id, const ServerRequest& request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto grant = authorize(request, WritePermission, &refusal);
    if (!grant)
        return std::move(*refusal);
    const auto current = m_secrets.find(id);
    if (!current)
        return notFound(id);
    if (auto failed = checkIfMatch(request, *current))
        return std::move(*failed);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
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

QHttpServerResponse ApiServer::deleteSecret(const QString& id, const ServerRequest& request)
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
