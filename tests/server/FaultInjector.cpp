#include "FaultInjector.h"

#include "Problem.h"

#include <QJsonValue>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

using Status = QHttpServerResponse::StatusCode;

bool hits(qint64 count, int every)
{
    return every > 0 && count % every == 0;
}

// Writes status line, headers (with the full Content-Length) and half of the body, then closes.
void writeTruncated(QHttpServerResponder& responder, const QHttpServerResponse& response)
{
    const QByteArray body = response.data();
    responder.writeStatusLine(response.statusCode());
    responder.writeHeader(QByteArrayLiteral("Content-Type"), response.mimeType());
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    static const QByteArray Names[] = {QByteArrayLiteral("ETag"),
                                       QByteArrayLiteral("Location"),
                                       QByteArrayLiteral("Cache-Control"),
                                       QByteArrayLiteral("Pragma"),
                                       QByteArrayLiteral("WWW-Authenticate"),
                                       QByteArrayLiteral("Idempotent-Replayed"),
                                       QByteArrayLiteral("Retry-After"),
                                       QByteArrayLiteral("Server-Timing")};
    for (const QByteArray& name : Names) {
        const QList<QByteArray> values = response.headers(name);
        for (const QByteArray& value : values)
            responder.writeHeader(name, value);
    }
    responder.writeBody(body.left(body.size() / 2));
    responder.socket()->disconnectFromHost();
}

} // namespace

void FaultInjector::setSettings(const Settings& settings)
{
    m_settings = settings;
    m_count = 0;
}

std::optional<FaultInjector::Settings> FaultInjector::fromJson(const QJsonObject& object,
                                                               QString* errorString)
{
    Settings settings;
    const auto number = [&](QLatin1String name, int* target, int fallback) {
        const QJsonValue value = object.value(name);
        if (value.isUndefined() || value.isNull()) {
            *target = fallback;
            return true;
        }
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 0 || number > 1e7 || number != int(number)) {
            *errorString = QStringLiteral("%1 must be a whole number of at least 0.").arg(name);
            return false;
        }
        *target = int(number);
        return true;
    };
    if (!number(QLatin1String("latencyMs"), &settings.latencyMs, 0)
        || !number(QLatin1String("rateLimitEvery"), &settings.rateLimitEvery, 0)
        || !number(QLatin1String("unavailableEvery"), &settings.unavailableEvery, 0)
        || !number(QLatin1String("retryAfterSeconds"), &settings.retryAfterSeconds, 1)
        || !number(QLatin1String("dropEvery"), &settings.dropEvery, 0)
        || !number(QLatin1String("truncateEvery"), &settings.truncateEvery, 0))
        return std::nullopt;
    const QJsonValue includeToken = object.value(QLatin1String("includeToken"));
    if (!includeToken.isUndefined() && !includeToken.isBool()) {
        *errorString = QStringLiteral("includeToken must be true or false.");
        return std::nullopt;
    }
    settings.includeToken = includeToken.toBool(false);
    return settings;
}

QJsonObject FaultInjector::toJson(const Settings& settings)
{
    return QJsonObject{{QLatin1String("latencyMs"), settings.latencyMs},
                       {QLatin1String("rateLimitEvery"), settings.rateLimitEvery},
                       {QLatin1String("unavailableEvery"), settings.unavailableEvery},
                       {QLatin1String("retryAfterSeconds"), settings.retryAfterSeconds},
                       {QLatin1String("dropEvery"), settings.dropEvery},
                       {QLatin1String("truncateEvery"), settings.truncateEvery},
                       {QLatin1String("includeToken"), settings.includeToken}};
}

FaultInjector::Decision FaultInjector::next(bool tokenEndpoint, bool exempt)
{
    Decision decision;
    if (exempt || (tokenEndpoint && !m_settings.includeToken))
        return decision;
    const qint64 count = ++m_count;
    decision.latencyMs = m_settings.latencyMs;
    if (hits(count, m_settings.rateLimitEvery))
        decision.fault = Fault::RateLimited;
    else if (hits(count, m_settings.unavailableEvery))
        decision.fault = Fault::Unavailable;
    else if (hits(count, m_settings.dropEvery))
        decision.fault = Fault::Drop;
    else if (hits(count, m_settings.truncateEvery))
        decision.fault = Fault::Truncate;
    return decision;
}

QHttpServerResponse FaultInjector::refusal(Fault fault) const
{
    QHttpServerResponse response =
        fault == Fault::RateLimited
            ? Problem::response(Status::TooManyRequests, QStringLiteral("rate-limited"),
                                QStringLiteral("Too many requests"),
                                QStringLiteral("Slow down and try again after Retry-After."))
            : Problem::response(Status::ServiceUnavailable, QStringLiteral("unavailable"),
                                QStringLiteral("The service is unavailable"),
                                QStringLiteral("Try again after Retry-After."));
    response.setHeader(QByteArrayLiteral("Retry-After"),
                       QByteArray::number(m_settings.retryAfterSeconds));
    return response;
}

void FaultInjector::deliver(QHttpServerResponder&& responder, QHttpServerResponse&& response,
                            const Decision& decision)
{
    if (decision.latencyMs == 0 && decision.fault != Fault::Drop
        && decision.fault != Fault::Truncate) {
        response.write(std::move(responder));
        return;
    }
    // Later, from the event loop (also for drop and truncate, so the server finishes reading
    // the request first). The socket is the timer's context: if the client goes away first,
    // nothing is sent.
    QTcpSocket* socket = responder.socket();
    auto pending = std::make_shared<std::pair<QHttpServerResponder, QHttpServerResponse>>(
        std::move(responder), std::move(response));
    const Fault fault = decision.fault;
    QTimer::singleShot(decision.latencyMs, socket, [pending, fault] {
        auto& [laterResponder, laterResponse] = *pending;
        QTcpSocket* target = laterResponder.socket();
        if (target->state() != QAbstractSocket::ConnectedState)
            return;
        switch (fault) {
        case Fault::Drop:
            target->abort();
            break;
        case Fault::Truncate:
            writeTruncated(laterResponder, laterResponse);
            break;
        case Fault::None:
        case Fault::RateLimited:
        case Fault::Unavailable:
            laterResponse.write(std::move(laterResponder));
            break;
        }
    });
}
