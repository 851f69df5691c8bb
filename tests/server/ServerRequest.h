#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <utility>

class QHttpServerRequest;

// One HTTP request as the server's handlers read it. The routes make it from a
// QHttpServerRequest; tests/fuzz/fuzz_server_request makes it from arbitrary bytes.
struct ServerRequest {
    QByteArray method; // upper case: GET, POST, PATCH, DELETE, PUT
    QString path;      // decoded, e.g. "/mint/v1/secrets"
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static ServerRequest from(const QHttpServerRequest& request);
    // Every value of the header name (compared case-insensitively), trimmed.
    [[nodiscard]] QList<QByteArray> headerValues(QByteArrayView name) const;
};
