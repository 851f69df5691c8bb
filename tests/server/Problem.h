#pragma once

#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>

// application/problem+json responses (docs/api.md §6).
class Problem final {
public:
    static constexpr const char* TypeBase = "https://mint-config.invalid/problems/";

    // A problem of type name (e.g. "unauthorized") with its fixed title; extra members are added.
    [[nodiscard]] static QHttpServerResponse response(QHttpServerResponse::StatusCode status,
                                                      const QString& name, const QString& title,
                                                      const QString& detail,
                                                      const QJsonObject& extra = {});
    // 401 unauthorized with WWW-Authenticate: Bearer realm="mint", error="invalid_token".
    [[nodiscard]] static QHttpServerResponse unauthorized(const QString& detail);
};
