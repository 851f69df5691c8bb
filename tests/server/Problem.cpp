#include "Problem.h"

#include <QJsonDocument>

QHttpServerResponse Problem::response(QHttpServerResponse::StatusCode status, const QString& name,
                                      const QString& title, const QString& detail,
                                      const QJsonObject& extra)
{
    QJsonObject body = extra;
    body.insert(QLatin1String("type"), QLatin1String(TypeBase) + name);
    body.insert(QLatin1String("title"), title);
    body.insert(QLatin1String("status"), int(status));
    body.insert(QLatin1String("detail"), detail);
    return QHttpServerResponse(QByteArrayLiteral("application/problem+json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse Problem::unauthorized(const QString& detail)
{
    QHttpServerResponse result =
        response(QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthorized"),
                 QStringLiteral("Authentication is required"), detail);
    QByteArray challenge = QByteArrayLiteral(R"(Bearer realm="mint", error="invalid_token")");
    challenge +=
        QByteArrayLiteral(R"(, error_description=")") + detail.toUtf8() + QByteArrayLiteral("\"");
    result.setHeader(QByteArrayLiteral("WWW-Authenticate"), challenge);
    return result;
}
