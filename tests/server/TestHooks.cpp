#include "TestHooks.h"

#include "ClientRegistry.h"
#include "FaultInjector.h"
#include "FlowRepository.h"
#include "NameRules.h"
#include "Problem.h"
#include "SecretRepository.h"
#include "ServerKeys.h"
#include "TokenService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse invalidBody(const QString& detail)
{
    return Problem::response(Status::BadRequest, QStringLiteral("invalid-body"),
                             QStringLiteral("The request body is invalid"), detail);
}

std::optional<QJsonObject> objectOf(const ServerRequest& request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

TestHooks::TestHooks(FlowRepository& flows, FaultInjector& faults, SecretRepository& secrets,
                     TokenService& tokens, ServerKeys& keys, ClientRegistry& clients)
    : m_flows(flows)
    , m_faults(faults)
    , m_secrets(secrets)
    , m_tokens(tokens)
    , m_keys(keys)
    , m_clients(clients)
{
}

QHttpServerResponse TestHooks::putFlow(const QString& flowId, const ServerRequest& request)
{
    const auto body = objectOf(request);
    if (!body)
        return invalidBody(QStringLiteral("The body must be a JSON object."));
    const QJsonValue flowName = body->value(QLatin1String("flowName"));
    const QJsonValue steps = body->value(QLatin1String("steps"));
    if (!flowName.isString() || !steps.isArray())
        return invalidBody(QStringLiteral("flowName (string) and steps (array) are required."));
    QList<FlowRepository::Step> parsed;
    const QJsonArray stepArray = steps.toArray();
    for (const QJsonValue& value : stepArray) {
        const QJsonObject step = value.toObject();
        FlowRepository::Step entry;
        const std::pair<QLatin1String, QString*> members[] = {
            {QLatin1String("stepId"), &entry.stepId},
            {QLatin1String("stepName"), &entry.stepName},
            {QLatin1String("stepType"), &entry.stepType},
            {QLatin1String("field"), &entry.field},
            {QLatin1String("secretId"), &entry.secretId}};
        for (const auto& [name, target] : members) {
            if (!step.value(name).isString())
                return invalidBody(QStringLiteral("Every step needs the string %1.").arg(name));
            *target = step.value(name).toString();
        }
        parsed.append(entry);
    }
    if (!m_flows.put(flowId, flowName.toString(), parsed))
        return Problem::response(Status::InternalServerError, QStringLiteral("internal"),
                                 QStringLiteral("Internal error"),
                                 QStringLiteral("The flow could not be stored."));
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse TestHooks::putFaults(const ServerRequest& request)
{
    const auto body = objectOf(request);
    if (!body)
        return invalidBody(QStringLiteral("The body must be a JSON object."));
    QString error;
    const auto settings = FaultInjector::fromJson(*body, &error);
    if (!settings)
        return invalidBody(error);
    m_faults.setSettings(*settings);
    return QHttpServerResponse(FaultInjector::toJson(m_faults.settings()));
}

QHttpServerResponse TestHooks::getFaults(const ServerRequest&) const
{
    return QHttpServerResponse(FaultInjector::toJson(m_faults.settings()));
}

QHttpServerResponse TestHooks::rotateKey(const ServerRequest& request)
{
    int graceSeconds = 3600;
    if (!request.body.isEmpty()) {
        const auto body = objectOf(request);
        if (!body)
            return invalidBody(QStringLiteral("The body must be a JSON object."));
        const QJsonValue grace = body->value(QLatin1String("graceSeconds"));
        if (!grace.isUndefined()) {
            if (!grace.isDouble() || grace.toDouble() < 0 || grace.toDouble() > 86'400 * 7
                || grace.toDouble() != double(grace.toInt()))
                return invalidBody(
                    QStringLiteral("graceSeconds must be a whole number from 0 to 604800."));
            graceSeconds = grace.toInt();
        }
    }
    const QString previousKeyId = m_keys.keyId;
    m_keys.rotate(graceSeconds);
    return QHttpServerResponse(QJsonObject{{QLatin1String("keyId"), m_keys.keyId},
                                           {QLatin1String("previousKeyId"), previousKeyId},
                                           {QLatin1String("graceSeconds"), graceSeconds}});
}

QHttpServerResponse TestHooks::digest(const QString& id) const
{
    const std::optional<QByteArray> sha256 = m_secrets.valueDigest(id);
    if (!sha256)
        return Problem::response(Status::NotFound, QStringLiteral("not-found"),
                                 QStringLiteral("No such secret"),
                                 QStringLiteral("There is no secret with this id."));
    return QHttpServerResponse(
        QJsonObject{{QLatin1String("sha256"), QString::fromLatin1(sha256->toHex())}});
}

QHttpServerResponse TestHooks::getStats() const
{
    return QHttpServerResponse(QJsonObject{{QLatin1String("requests"), m_stats.requests},
                                           {QLatin1String("tokensIssued"), m_stats.tokensIssued},
                                           {QLatin1String("unauthorized"), m_stats.unauthorized},
                                           {QLatin1String("tokenRefusals"), m_stats.tokenRefusals},
                                           {QLatin1String("listRequests"), m_stats.listRequests}});
}

QHttpServerResponse TestHooks::revokeTokens(const ServerRequest& request)
{
    QJsonObject body;
    if (!request.body.isEmpty()) {
        const auto parsed = objectOf(request);
        if (!parsed)
            return invalidBody(QStringLiteral("The body must be a JSON object."));
        body = *parsed;
    }
    for (const QLatin1String name :
         {QLatin1String("refuseNewTokens"), QLatin1String("changeClientSecrets")}) {
        if (!body.value(name).isUndefined() && !body.value(name).isBool())
            return invalidBody(QStringLiteral("%1 must be true or false.").arg(name));
    }
    const qsizetype revoked =
        m_tokens.revokeAll(body.value(QLatin1String("refuseNewTokens")).toBool());
    if (body.value(QLatin1String("changeClientSecrets")).toBool())
        m_clients.scrambleSecrets();
    return QHttpServerResponse(QJsonObject{{QLatin1String("revoked"), qint64(revoked)}});
}

QHttpServerResponse TestHooks::putListTrigger(const ServerRequest& request)
{
    const auto body = objectOf(request);
    if (!body)
        return invalidBody(QStringLiteral("The body must be a JSON object."));
    const QJsonValue after = body->value(QLatin1String("afterLists"));
    if (!after.isDouble() || after.toInt() < 1)
        return invalidBody(QStringLiteral("afterLists must be a number of at least 1."));
    ListTrigger trigger;
    trigger.remaining = after.toInt();
    const QJsonArray deletions = body->value(QLatin1String("delete")).toArray();
    for (const QJsonValue& id : deletions) {
        if (!id.isString())
            return invalidBody(QStringLiteral("delete must be an array of ids."));
        trigger.deletions.append(id.toString());
    }
    const QJsonArray renames = body->value(QLatin1String("rename")).toArray();
    for (const QJsonValue& entry : renames) {
        const QJsonObject rename = entry.toObject();
        const QJsonValue id = rename.value(QLatin1String("id"));
        const QJsonValue name = rename.value(QLatin1String("name"));
        if (!id.isString() || !name.isString() || !NameRules::problem(name.toString()).isEmpty())
            return invalidBody(
                QStringLiteral("rename must be an array of {id, name} with valid names."));
        trigger.renames.append({id.toString(), name.toString()});
    }
    m_listTrigger = std::move(trigger);
    return QHttpServerResponse(Status::NoContent);
}

void TestHooks::listAnswered()
{
    ++m_stats.listRequests;
    if (!m_listTrigger || --m_listTrigger->remaining > 0)
        return;
    const ListTrigger trigger = std::move(*m_listTrigger);
    m_listTrigger.reset();
    const QString subject = QStringLiteral("test-hook");
    for (const QString& id : trigger.deletions)
        m_secrets.remove(id);
    for (const auto& [id, name] : trigger.renames) {
        if (!m_secrets.nameTaken(name, id))
            m_secrets.update(id, name, nullptr, subject);
    }
}
