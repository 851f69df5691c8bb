#include "ServerRequest.h"

#include <QHttpServerRequest>

ServerRequest ServerRequest::from(const QHttpServerRequest& request)
{
    ServerRequest result;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get:
        result.method = QByteArrayLiteral("GET");
        break;
    case QHttpServerRequest::Method::Post:
        result.method = QByteArrayLiteral("POST");
        break;
    case QHttpServerRequest::Method::Patch:
        result.method = QByteArrayLiteral("PATCH");
        break;
    case QHttpServerRequest::Method::Delete:
        result.method = QByteArrayLiteral("DELETE");
        break;
    case QHttpServerRequest::Method::Put:
        result.method = QByteArrayLiteral("PUT");
        break;
    default:
        result.method = QByteArrayLiteral("OTHER"); // HEAD, OPTIONS, …: no route takes them
        break;
    }
    result.path = request.url().path();
    result.query = request.query();
    result.headers = request.headers();
    result.body = request.body();
    return result;
}

QList<QByteArray> ServerRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value.trimmed());
    }
    return values;
}
